/**
 * The users' second factors, owned by auth (which provides this), so users can list and reset them without
 * importing auth.
 */
export abstract class UserSecondFactor {
  /** Which of these users have a confirmed second factor. */
  abstract enabledAmong(userIds: string[]): Promise<Set<string>>;
  /** Removes the user's second factor and recovery codes; false when there was none. */
  abstract remove(userId: string): Promise<boolean>;
}

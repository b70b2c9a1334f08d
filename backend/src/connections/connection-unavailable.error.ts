/**
 * The instance cannot be connected to with what is stored for it; nothing was contacted. The message is shown to
 * users as is (an instance's status, a collector's error, a rejected test) and never quotes the URL.
 */
export class ConnectionUnavailableError extends Error {
  override readonly name = 'ConnectionUnavailableError';

  /**
   * `credentials`: a secret cannot be opened now (an unset variable, a memory secret lost in a restart, a retired key).
   * `refused`: the settings themselves are refused (URL, host or TLS policy), as create and update refuse them.
   */
  constructor(
    message: string,
    readonly reason: 'credentials' | 'refused',
  ) {
    super(message);
  }
}

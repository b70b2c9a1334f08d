import { BadRequestException } from '@nestjs/common';
import { passwordSchema } from '@inspector/contracts';
import bcrypt from 'bcrypt';

export const BCRYPT_COST = 12;

/** The policy beyond length limits: a password must not be the username (in any case, or reversed). */
export function assertPasswordAllowed(password: string, username: string, field = 'password'): void {
  const parsed = passwordSchema.safeParse(password);
  if (!parsed.success) throw new BadRequestException({ message: 'Password rejected', errors: parsed.error.issues.map((issue) => ({ path: field, message: issue.message })) });
  const lowered = password.toLowerCase();
  const name = username.toLowerCase();
  if (lowered === name || lowered === [...name].reverse().join('') || lowered.includes(name)) {
    throw new BadRequestException({ message: 'Password rejected', errors: [{ path: field, message: 'must not contain the username' }] });
  }
}

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

let dummyHash: Promise<string> | undefined;
/**
 * A hash to compare against when the username does not exist, so unknown users cost the same bcrypt work
 * as wrong passwords and timing does not reveal which usernames exist.
 */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= bcrypt.hash('inspector-timing-equalizer', BCRYPT_COST);
  return dummyHash;
}

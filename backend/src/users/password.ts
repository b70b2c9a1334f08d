import { BadRequestException } from '@nestjs/common';
import { passwordPolicyProblems } from '@inspector/contracts';
import bcrypt from 'bcrypt';

export const BCRYPT_COST = 12;

/** The password policy (`passwordPolicyProblems`) as a 400 with field errors. */
export function assertPasswordAllowed(password: string, username: string, field = 'password'): void {
  const problems = passwordPolicyProblems(password, username);
  if (problems.length > 0) throw new BadRequestException({ message: 'Password rejected', errors: problems.map((message) => ({ path: field, message })) });
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

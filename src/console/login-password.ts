import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/app-error';

/** The rules of a login's name and password, shared by operator (console) and agent (agent page) logins. */

/** A password given, or the one generated (shown once). */
export interface PasswordResult {
  name: string;
  /** Present only when generated here: the one time it is shown. */
  generatedPassword?: string;
}

const NAME = /^[A-Za-z0-9._-]{1,40}$/;
const MIN_PASSWORD = 12;
const MAX_PASSWORD = 200;

/** Whether `name` could be a login name (a malformed one is refused without a lookup). */
export function isLoginName(name: string): boolean {
  return NAME.test(name);
}

/** `what`: "an operator", "an agent". */
export function checkLoginName(name: string, what: string): void {
  if (!NAME.test(name)) throw new AppError('validation_failed', `${what} name is 1 to 40 letters, digits, ".", "_" or "-"`);
}

/** The password given, checked, or a new random one (144 bits, 24 characters). */
export function choosePassword(given: string | undefined): { password: string; generated: boolean } {
  if (given === undefined) return { password: randomBytes(18).toString('base64url'), generated: true };
  if (given.length < MIN_PASSWORD || given.length > MAX_PASSWORD) {
    throw new AppError('validation_failed', `a password has ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`);
  }
  return { password: given, generated: false };
}

/** What a create or a new password answers: the generated password, only when there is one. */
export function passwordResult(name: string, chosen: { password: string; generated: boolean }): PasswordResult {
  return { name, ...(chosen.generated ? { generatedPassword: chosen.password } : {}) };
}

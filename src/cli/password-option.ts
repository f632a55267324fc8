import type { Command } from 'commander';
import type { PasswordResult } from '../console/login-password';
import type { AdminIo } from './admin-io';

/** Reads a password piped in (`--password-stdin`): the whole of stdin, its final line break dropped. */
export type ReadPassword = () => Promise<string>;

/** `--password-stdin` on a command that sets a login's password (operators, agents). */
export function withPasswordStdin(command: Command): Command {
  return command.option('--password-stdin', 'read the password (12 characters or more) from stdin instead of generating one');
}

/** The password piped in when asked for; undefined to have one generated. */
export function passwordOf(opts: { passwordStdin?: boolean }, readPassword?: ReadPassword): Promise<string> | undefined {
  return opts.passwordStdin && readPassword ? readPassword() : undefined;
}

/** The generated password, printed this once; or that the one from stdin was set. */
export function printPassword(io: AdminIo, result: PasswordResult, what: string): void {
  if (result.generatedPassword === undefined) return io.out(`${what} ${result.name}: password set from stdin\n`);
  io.out(`${what} ${result.name}\npassword: ${result.generatedPassword}\n(shown once: store it now)\n`);
}

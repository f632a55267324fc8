import type { Command } from 'commander';
import type { OperatorService, PasswordResult } from '../console/operator-service';
import type { AdminIo } from './admin-io';

/** Reads a password piped in (`--password-stdin`): the whole of stdin, its final line break dropped. */
export type ReadPassword = () => Promise<string>;

function printPassword(io: AdminIo, result: PasswordResult, what: string): void {
  if (result.generatedPassword === undefined) return io.out(`${what} ${result.name}: password set from stdin\n`);
  io.out(`${what} ${result.name}\npassword: ${result.generatedPassword}\n(shown once: store it now)\n`);
}

export function addOperatorCommands(
  program: Command,
  operators: OperatorService,
  io: AdminIo,
  readPassword?: ReadPassword,
): void {
  const operator = program.command('operator').description('logins of the operator console (/console)');
  const password = (opts: { passwordStdin?: boolean }) => (opts.passwordStdin && readPassword ? readPassword() : undefined);

  operator
    .command('create')
    .description('a console login; prints a generated password once, or takes one from stdin (--password-stdin)')
    .requiredOption('--name <name>', 'login name: letters, digits, ".", "_", "-"')
    .option('--password-stdin', 'read the password (12 characters or more) from stdin instead of generating one')
    .action(async (opts: { name: string; passwordStdin?: boolean }) => {
      printPassword(io, await operators.create(opts.name, await password(opts)), 'operator created:');
    });

  operator
    .command('list')
    .description('console logins (never their passwords)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      io.table(await operators.list(), ['name', 'createdAt', 'passwordSetAt'], Boolean(opts.json));
    });

  operator
    .command('remove')
    .description('remove a login; its open sessions end at their next request')
    .argument('<name>', 'login name')
    .action(async (name: string) => {
      await operators.remove(name);
      io.out(`operator removed: ${name}\n`);
    });

  operator
    .command('set-password')
    .description('a new password (generated and printed once, or from stdin); open sessions end')
    .argument('<name>', 'login name')
    .option('--password-stdin', 'read the password (12 characters or more) from stdin instead of generating one')
    .action(async (name: string, opts: { passwordStdin?: boolean }) => {
      printPassword(io, await operators.setPassword(name, await password(opts)), 'password changed:');
    });
}

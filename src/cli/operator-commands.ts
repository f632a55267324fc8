import type { Command } from 'commander';
import type { OperatorService } from '../console/operator-service';
import type { AdminIo } from './admin-io';
import { passwordOf, printPassword, withPasswordStdin, type ReadPassword } from './password-option';

export function addOperatorCommands(
  program: Command,
  operators: OperatorService,
  io: AdminIo,
  readPassword?: ReadPassword,
): void {
  const operator = program.command('operator').description('logins of the operator console (/console)');

  withPasswordStdin(
    operator
      .command('create')
      .description('a console login; prints a generated password once, or takes one from stdin (--password-stdin)')
      .requiredOption('--name <name>', 'login name: letters, digits, ".", "_", "-"'),
  ).action(async (opts: { name: string; passwordStdin?: boolean }) => {
    printPassword(io, await operators.create(opts.name, await passwordOf(opts, readPassword)), 'operator created:');
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

  withPasswordStdin(
    operator
      .command('set-password')
      .description('a new password (generated and printed once, or from stdin); open sessions end')
      .argument('<name>', 'login name'),
  ).action(async (name: string, opts: { passwordStdin?: boolean }) => {
    printPassword(io, await operators.setPassword(name, await passwordOf(opts, readPassword)), 'password changed:');
  });
}

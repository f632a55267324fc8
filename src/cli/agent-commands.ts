import type { Command } from 'commander';
import type { AgentService } from '../agent-assist/agent-service';
import type { AdminIo } from './admin-io';
import { passwordOf, printPassword, withPasswordStdin, type ReadPassword } from './password-option';

export function addAgentCommands(program: Command, agents: AgentService, io: AdminIo, readPassword?: ReadPassword): void {
  const agent = program.command('agent').description("call-centre agents' logins of the agent page (/agent), one merchant each");

  withPasswordStdin(
    agent
      .command('create')
      .description('an agent login; prints a generated password once, or takes one from stdin (--password-stdin)')
      .requiredOption('--merchant <id>', 'the merchant whose calls the agent takes')
      .requiredOption('--name <login>', 'login name: letters, digits, ".", "_", "-"')
      .requiredOption('--extension <ext>', 'what the dialplan rings for this agent: letters and digits'),
  ).action(async (opts: { merchant: string; name: string; extension: string; passwordStdin?: boolean }) => {
    const created = await agents.create(
      { merchantId: opts.merchant, name: opts.name, extension: opts.extension },
      await passwordOf(opts, readPassword),
    );
    printPassword(io, created, 'agent created:');
  });

  agent
    .command('list')
    .description('agent logins (never their passwords)')
    .option('--merchant <id>', "only this merchant's")
    .option('--json', 'print JSON')
    .action(async (opts: { merchant?: string; json?: boolean }) => {
      const rows = (await agents.list(opts.merchant)).map((a) => ({ ...a, disabledAt: a.disabledAt ?? '' }));
      io.table(rows, ['name', 'merchantId', 'extension', 'createdAt', 'passwordSetAt', 'disabledAt'], Boolean(opts.json));
    });

  agent
    .command('disable')
    .description('the agent no longer logs in; its open sessions end at their next request')
    .argument('<name>', 'login name')
    .action(async (name: string) => {
      await agents.disable(name);
      io.out(`agent disabled: ${name}\n`);
    });

  withPasswordStdin(
    agent
      .command('reset-password')
      .description('a new password (generated and printed once, or from stdin); open sessions end')
      .argument('<name>', 'login name'),
  ).action(async (name: string, opts: { passwordStdin?: boolean }) => {
    printPassword(io, await agents.resetPassword(name, await passwordOf(opts, readPassword)), 'password reset:');
  });
}

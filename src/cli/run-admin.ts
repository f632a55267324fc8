import { Command, CommanderError } from 'commander';
import { AppError } from '../domain/app-error';
import { errorMessage } from '../lib/error-message';
import type { NotificationAdmin } from '../notify/notification-admin';
import type { OperatorService } from '../console/operator-service';
import type { AgentService } from '../agent-assist/agent-service';
import type { BankService } from '../services/bank-service';
import type { CallbackPolicies } from '../callback/callback-policy';
import type { CallbackService } from '../callback/callback-service';
import type { LineService } from '../callback/line-service';
import type { ReconciliationService } from '../reconciliation/reconciliation-service';
import type { SmsService } from '../services/sms-service';
import type { FeeService } from '../fees/fee-service';
import type { LineUsageReport } from '../cdr/line-usage-report';
import type { SettlementService } from '../settlement/settlement-service';
import type { MerchantService } from '../services/merchant-service';
import type { MerchantCallOptions } from '../services/merchant-call-options';
import type { OrderService } from '../order/order-service';
import type { RefundReads } from '../refund/refund-reads';
import type { RefundService } from '../refund/refund-service';
import type { AdminIo } from './admin-io';
import { addBackupCommands, type BackupActions } from './backup-commands';
import { addBankCommands } from './bank-commands';
import { addCallbackCommands } from './callback-commands';
import { formatTable } from './format-table';
import { addCallCommands } from './call-commands';
import { addFeeCommands } from './fee-commands';
import { addLineCommands } from './line-commands';
import { addMerchantCommands } from './merchant-commands';
import { addMerchantCallOptionCommands } from './merchant-call-option-commands';
import { addNotificationCommands } from './notification-commands';
import { addOrderCommands } from './order-commands';
import { addOperatorCommands } from './operator-commands';
import { addAgentCommands } from './agent-commands';
import type { ReadPassword } from './password-option';
import { addRefundCommands } from './refund-commands';
import type { ProgressBar } from './progress-bar';
import { addReconcileCommands } from './reconcile-commands';
import { addSettlementCommands } from './settlement-commands';
import { addSmsCommands } from './sms-commands';

export interface AdminDeps {
  merchants: MerchantService;
  /** The `merchant set-confirm-card`, `set-greeting` and `remove-greeting` commands appear with it. */
  merchantCallOptions?: MerchantCallOptions;
  orders: Pick<OrderService, 'findOrder' | 'listOrders'>;
  banks: Pick<BankService, 'listBanks' | 'setStatus'>;
  /** Optional so callers without notifications keep working; the `notification` commands need it. */
  notifications?: NotificationAdmin;
  /** Callback mode; each group of commands appears when its service is given. */
  callbacks?: CallbackService;
  callbackPolicies?: CallbackPolicies;
  sms?: Pick<SmsService, 'listSms' | 'resend'>;
  lines?: LineService;
  /** The daily reconciliation with the acquirer's file (`reconcile run|show`). */
  reconciliation?: Pick<ReconciliationService, 'run' | 'show'>;
  /** Fee plans and settlement (issue 11 §3). */
  fees?: FeeService;
  settlement?: SettlementService;
  /** Line use from the call detail records. */
  lineUsage?: LineUsageReport;
  /** The `refund` commands appear with it; `refund create` needs `refunds` too (it talks to the acquirer). */
  refundReads?: RefundReads;
  refunds?: Pick<RefundService, 'createRefund'>;
  /** Console logins (`operator …`); `readPassword` takes a password from stdin (`--password-stdin`). */
  operators?: OperatorService;
  /** Agent page logins (`agent …`), with the same `readPassword`. */
  agents?: AgentService;
  readPassword?: ReadPassword;
  /** A live progress bar for bulk commands; given only when stdout is a terminal. */
  progressBar?: (label: string) => ProgressBar;
  /** `backup create|restore`; they run without the store (src/cli/admin.ts). */
  backups?: BackupActions;
}

export interface AdminResult {
  /** 0 done, 1 not found or failed, 2 bad input. */
  exitCode: number;
  stdout: string;
  stderr: string;
}

function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2;
  }
  if (err instanceof AppError && err.code === 'validation_failed') return 2;
  return 1;
}

function describe(err: AppError): string {
  const fields = Object.entries(err.fields ?? {}).map(([field, message]) => `\n  ${field}: ${message}`);
  return `error: ${err.message}${fields.join('')}\n`;
}

/** The admin CLI without the process: parses `argv` (after `admin`), acts, and returns what to print. */
export function runAdmin(argv: string[], deps: AdminDeps): Promise<AdminResult> {
  return runCommands(argv, (program, io) => {
    const merchant = addMerchantCommands(program, deps.merchants, io, deps.callbackPolicies, deps.fees);
    if (deps.merchantCallOptions) addMerchantCallOptionCommands(merchant, deps.merchantCallOptions, io);
    addOrderCommands(program, deps.orders, io);
    addBankCommands(program, deps.banks, io);
    if (deps.notifications) addNotificationCommands(program, deps.notifications, io);
    if (deps.callbacks) addCallbackCommands(program, deps.callbacks, io, deps.progressBar);
    if (deps.sms) addSmsCommands(program, deps.sms, io);
    if (deps.lines) addLineCommands(program, deps.lines, io);
    if (deps.reconciliation) addReconcileCommands(program, deps.reconciliation, io);
    if (deps.fees) addFeeCommands(program, deps.fees, io);
    if (deps.settlement) addSettlementCommands(program, deps.settlement, io);
    if (deps.lineUsage) addCallCommands(program, deps.lineUsage, io);
    if (deps.refundReads) addRefundCommands(program, { reads: deps.refundReads, refunds: deps.refunds, orders: deps.orders }, io);
    if (deps.operators) addOperatorCommands(program, deps.operators, io, deps.readPassword);
    if (deps.agents) addAgentCommands(program, deps.agents, io, deps.readPassword);
    if (deps.backups) addBackupCommands(program, deps.backups, io);
  });
}

/**
 * Runs one command of the program `register` builds: output collected, exit code from the error. Also for
 * commands that run without the store (`backup`, whose restore needs the data folder empty).
 */
export async function runCommands(argv: string[], register: (program: Command, io: AdminIo) => void): Promise<AdminResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: AdminIo = {
    out: (text) => stdout.push(text),
    json: (value) => stdout.push(JSON.stringify(value, null, 2) + '\n'),
    table: (rows, columns, json) => stdout.push(json ? JSON.stringify(rows, null, 2) + '\n' : formatTable(rows, columns)),
  };

  // Settings made before adding commands are inherited by every subcommand.
  const program = new Command('admin')
    .description('ivrpay administration')
    .exitOverride()
    .configureOutput({ writeOut: (s) => stdout.push(s), writeErr: (s) => stderr.push(s) })
    .showHelpAfterError('(add --help for usage)');
  register(program, io);

  let exitCode = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    exitCode = exitCodeOf(err);
    if (err instanceof AppError) stderr.push(describe(err));
    else if (!(err instanceof CommanderError)) stderr.push(`error: ${errorMessage(err)}\n`);
  }
  return { exitCode, stdout: stdout.join(''), stderr: stderr.join('') };
}

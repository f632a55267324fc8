import type { Knex } from 'knex';
import { createGroupCommit, type GroupCommit, type GroupQuery } from './group-commit';
import {
  createAcquirerNotificationRepository,
  type AcquirerNotificationRepository,
} from './repositories/acquirer-notification-repository';
import { createBankRepository, type BankRepository } from './repositories/bank-repository';
import { createCallbackAttemptRepository, type CallbackAttemptRepository } from './repositories/callback-attempt-repository';
import { createCallbackRepository, type CallbackRepository } from './repositories/callback-repository';
import { createIdempotencyKeyRepository, type IdempotencyKeyRepository } from './repositories/idempotency-key-repository';
import { createLineUsageRepository, type LineUsageRepository } from './repositories/line-usage-repository';
import { createMerchantRepository, type MerchantRepository } from './repositories/merchant-repository';
import { createNotificationRepository, type NotificationRepository } from './repositories/notification-repository';
import { createOrderAttemptRepository, type OrderAttemptRepository } from './repositories/order-attempt-repository';
import { createOrderRepository, type OrderRepository } from './repositories/order-repository';
import { createPaymentAttemptRepository, type PaymentAttemptRepository } from './repositories/payment-attempt-repository';
import {
  createReconciliationLedgerRepository,
  type ReconciliationLedgerRepository,
} from './repositories/reconciliation-ledger-repository';
import {
  createReconciliationRunRepository,
  type ReconciliationRunRepository,
} from './repositories/reconciliation-run-repository';
import { createCallLegRepository, type CallLegRepository } from './repositories/call-leg-repository';
import { createFeePlanRepository, type FeePlanRepository } from './repositories/fee-plan-repository';
import { createSettlementRepository, type SettlementRepository } from './repositories/settlement-repository';
import { createSettlementSourceRepository, type SettlementSourceRepository } from './repositories/settlement-source-repository';
import { createRefundRepository, type RefundRepository } from './repositories/refund-repository';
import { createSmsRepository, type SmsRepository } from './repositories/sms-repository';
import { createOperatorRepository, type OperatorRepository } from './repositories/operator-repository';
import { createNodeRepository, type NodeRepository } from './repositories/node-repository';
import { createRateLimitRepository, type RateLimitRepository } from './repositories/rate-limit-repository';
import { createConsoleRepository, type ConsoleRepository } from './repositories/console-repository';
import { dialectOf } from './dialect';
import { createAgentRepository, type AgentRepository } from './repositories/agent-repository';
import { sourceOn, type Source } from './source';
import { timeWrites, type WriteStatement } from './write-timing';

/** One repository per table; every query of the service is one of their methods. */
export interface Repositories {
  readonly merchants: MerchantRepository;
  readonly orders: OrderRepository;
  readonly orderAttempts: OrderAttemptRepository;
  readonly paymentAttempts: PaymentAttemptRepository;
  readonly acquirerNotifications: AcquirerNotificationRepository;
  readonly notifications: NotificationRepository;
  readonly callbacks: CallbackRepository;
  readonly callbackAttempts: CallbackAttemptRepository;
  readonly sms: SmsRepository;
  readonly banks: BankRepository;
  readonly idempotencyKeys: IdempotencyKeyRepository;
  readonly lineUsage: LineUsageRepository;
  readonly reconciliationRuns: ReconciliationRunRepository;
  readonly reconciliationLedger: ReconciliationLedgerRepository;
  readonly feePlans: FeePlanRepository;
  readonly callLegs: CallLegRepository;
  readonly settlements: SettlementRepository;
  readonly settlementSources: SettlementSourceRepository;
  readonly refunds: RefundRepository;
  readonly operators: OperatorRepository;
  readonly nodes: NodeRepository;
  readonly rateLimits: RateLimitRepository;
  readonly agents: AgentRepository;
  /** The operator console's read-only queries. */
  readonly console: ConsoleRepository;
}

/** The store: its repositories on the pool (each statement commits alone), and units of work over them. */
export interface Store extends Repositories {
  /**
   * Runs `work` in one transaction, `tx` being the repositories bound to it: everything it writes commits
   * together when it resolves, or not at all when it throws. Open it with a write, so SQLite takes the write
   * lock up front (waiting up to busy_timeout) instead of failing on a read-to-write upgrade.
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * One write of a single statement (so that a failure undoes it alone), through the group commit when the
   * store has one (src/store/group-commit.ts), else committed alone. `write` must use only `on`.
   */
  groupWrite<T>(write: (on: Repositories) => Promise<T>): Promise<T>;
  /**
   * Whether groupWrite shares commits (SQLite with the group commit): a transaction there costs a commit of its own,
   * where a group write shares one. Without it each write is its own transaction anyway (always on PostgreSQL).
   */
  readonly sharesCommits: boolean;
}

export interface StoreOptions {
  /**
   * Shares commits between concurrent single-statement writes (the merchant API's) on SQLite; each commits alone
   * without it, and always on PostgreSQL.
   */
  groupCommit?: boolean;
  /** Told how long each write took (write-timing.ts), for the metrics; absent: nothing is timed. */
  timeWrites?: (statement: WriteStatement, seconds: number) => void;
}

/**
 * The repositories over one source, each made on first use: a transaction or a commit group builds only those
 * it touches (one object each), so binding costs a request next to nothing (bench:api).
 */
class BoundRepositories implements Repositories {
  #merchants?: MerchantRepository;
  #orders?: OrderRepository;
  #orderAttempts?: OrderAttemptRepository;
  #paymentAttempts?: PaymentAttemptRepository;
  #acquirerNotifications?: AcquirerNotificationRepository;
  #notifications?: NotificationRepository;
  #callbacks?: CallbackRepository;
  #callbackAttempts?: CallbackAttemptRepository;
  #sms?: SmsRepository;
  #banks?: BankRepository;
  #idempotencyKeys?: IdempotencyKeyRepository;
  #lineUsage?: LineUsageRepository;
  #reconciliationRuns?: ReconciliationRunRepository;
  #reconciliationLedger?: ReconciliationLedgerRepository;
  #feePlans?: FeePlanRepository;
  #callLegs?: CallLegRepository;
  #settlements?: SettlementRepository;
  #settlementSources?: SettlementSourceRepository;
  #refunds?: RefundRepository;
  #operators?: OperatorRepository;
  #nodes?: NodeRepository;
  #rateLimits?: RateLimitRepository;
  #agents?: AgentRepository;
  #console?: ConsoleRepository;

  constructor(private readonly source: Source) {}

  get merchants() {
    return (this.#merchants ??= createMerchantRepository(this.source));
  }
  get orders() {
    return (this.#orders ??= createOrderRepository(this.source));
  }
  get orderAttempts() {
    return (this.#orderAttempts ??= createOrderAttemptRepository(this.source));
  }
  get paymentAttempts() {
    return (this.#paymentAttempts ??= createPaymentAttemptRepository(this.source));
  }
  get acquirerNotifications() {
    return (this.#acquirerNotifications ??= createAcquirerNotificationRepository(this.source));
  }
  get notifications() {
    return (this.#notifications ??= createNotificationRepository(this.source));
  }
  get callbacks() {
    return (this.#callbacks ??= createCallbackRepository(this.source));
  }
  get callbackAttempts() {
    return (this.#callbackAttempts ??= createCallbackAttemptRepository(this.source));
  }
  get sms() {
    return (this.#sms ??= createSmsRepository(this.source));
  }
  get banks() {
    return (this.#banks ??= createBankRepository(this.source));
  }
  get idempotencyKeys() {
    return (this.#idempotencyKeys ??= createIdempotencyKeyRepository(this.source));
  }
  get lineUsage() {
    return (this.#lineUsage ??= createLineUsageRepository(this.source));
  }
  get reconciliationRuns() {
    return (this.#reconciliationRuns ??= createReconciliationRunRepository(this.source));
  }
  get reconciliationLedger() {
    return (this.#reconciliationLedger ??= createReconciliationLedgerRepository(this.source));
  }
  get feePlans() {
    return (this.#feePlans ??= createFeePlanRepository(this.source));
  }
  get callLegs() {
    return (this.#callLegs ??= createCallLegRepository(this.source));
  }
  get settlements() {
    return (this.#settlements ??= createSettlementRepository(this.source));
  }
  get settlementSources() {
    return (this.#settlementSources ??= createSettlementSourceRepository(this.source));
  }
  get refunds() {
    return (this.#refunds ??= createRefundRepository(this.source));
  }
  get operators() {
    return (this.#operators ??= createOperatorRepository(this.source));
  }
  get nodes() {
    return (this.#nodes ??= createNodeRepository(this.source));
  }
  get rateLimits() {
    return (this.#rateLimits ??= createRateLimitRepository(this.source));
  }
  get agents() {
    return (this.#agents ??= createAgentRepository(this.source));
  }
  get console() {
    return (this.#console ??= createConsoleRepository(this.source));
  }
}

/** A commit group's connection as a source: its writes are single table statements (Store.groupWrite). */
function groupSource(on: GroupQuery, db: Knex): Source {
  return {
    table: on as Source['table'],
    raw: () => {
      throw new Error('a group write is one table statement: run raw statements in a transaction');
    },
    knex: db,
  };
}

class KnexStore extends BoundRepositories implements Store {
  readonly #db: Knex;
  readonly #group?: GroupCommit<Repositories>;
  readonly #timeWrites?: StoreOptions['timeWrites'];

  constructor(db: Knex, opts: StoreOptions) {
    super(sourceOn(db, db));
    this.#db = db;
    this.#timeWrites = opts.timeWrites;
    if (opts.timeWrites) timeWrites(db, opts.timeWrites);
    // PostgreSQL takes concurrent commits on its pool, so each write commits alone there (group-commit.ts is SQLite's).
    if (opts.groupCommit && dialectOf(db) === 'sqlite') {
      this.#group = createGroupCommit(db, (on: GroupQuery) => new BoundRepositories(groupSource(on, db)));
    }
  }

  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    const run = this.#db.transaction((trx) => work(new BoundRepositories(sourceOn(trx, this.#db))));
    const observe = this.#timeWrites;
    if (!observe) return run;
    const start = performance.now();
    const timed = () => observe('transaction', (performance.now() - start) / 1000);
    run.then(timed, timed);
    return run;
  }

  groupWrite<T>(write: (on: Repositories) => Promise<T>): Promise<T> {
    return this.#group ? this.#group.write(write) : write(this);
  }

  get sharesCommits(): boolean {
    return this.#group !== undefined;
  }
}

/** The store over an open, migrated database (src/store/db.ts, migrate.ts). */
export function createStore(db: Knex, opts: StoreOptions = {}): Store {
  return new KnexStore(db, opts);
}

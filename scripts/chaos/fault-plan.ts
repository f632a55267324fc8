import { createPrng, runSeed } from './prng';

/** What the fault layer in front of the acquirer does to one request (docs: README, Reliability). */
export type AcquirerFault = 'slow' | 'timeout' | '5xx' | 'reset' | 'answer-lost';
/** What happens to one of the acquirer's notifications on its way to the service. */
export type NotifyFault = 'duplicate' | 'reorder' | 'late' | 'dropped';
/** Where in a payment the service is SIGKILLed. */
export type KillStep = 'before-send' | 'after-send' | 'after-answer' | 'before-commit';
/** What happens to Asterisk under a call, as the call script sees it through its CallPort. */
export type CallFault = 'asterisk-restart' | 'ari-websocket-drop';
/** The card a caller keys, by what the sandbox acquirer does with it. */
export type CardScenario =
  | 'approved-debit'
  | 'approved-credit'
  | 'declined'
  | 'wrong-pin-then-approved'
  | 'issuer-timeout'
  | 'slow-answer'
  | 'unavailable'
  | 'duplicate-order'
  | 'answer-lost';

export interface OrderPlan {
  /** Fen; never a number that spells test card data (the card-data scan would take it for some). */
  amount: number;
  /** The order's lifetime: the API's default of 30 minutes (a clock jump expires it), or two days. */
  expiresInSeconds: number;
  card: CardScenario;
  /** The caller keys the pay code, instead of the dialplan passing it. */
  keysPayCode: boolean;
  /** At the `atOp`-th CallPort operation of the first call, or while its payment is at the acquirer. */
  callFault?: { kind: CallFault; atOp: number | 'payment' };
  /** If the first call leaves the order unpaid and payable, the caller calls again with an approved card. */
  callsAgain: boolean;
}

export interface RunPlan {
  /** The run's own seed (runSeed of the chaos seed and the run's index). */
  seed: number;
  orders: OrderPlan[];
  /** The calls of the run at once, or one after another. */
  concurrentCalls: boolean;
  /** By arrival order of the requests at the fault layer; past the end, nothing. */
  acquirer: (AcquirerFault | null)[];
  notify: (NotifyFault | null)[];
  /** By arrival order of the merchant's webhook deliveries: answered 500 instead of 200. */
  merchant5xx: boolean[];
  /** The `consume`-th consume of the run (0-based) is where the service dies. */
  kill?: { step: KillStep; consume: number };
  /** Another connection holds SQLite's write lock from `atMs` into the calls, for `holdMs`. */
  sqliteBusy?: { atMs: number; holdMs: number };
  /** Once the calls start, after `afterWrites` write statements, the next `writes` fail as on a full disk (SQLITE_FULL). */
  diskFull?: { afterWrites: number; writes: number };
  /** The clock of the service (and of the acquirer) jumps forward by `byMs` at `atMs`. */
  clockJump?: { atMs: number; byMs: number };
}

/** Past SQLite's busy_timeout (5 s, src/store/sqlite-connection.ts): the waiting writer gets SQLITE_BUSY. */
export const BUSY_PAST_TIMEOUT_MS = 5_500;

const CARD_WEIGHTS: Record<CardScenario, number> = {
  'approved-debit': 30,
  'approved-credit': 12,
  declined: 10,
  'wrong-pin-then-approved': 10,
  'issuer-timeout': 10,
  'slow-answer': 8,
  unavailable: 7,
  'duplicate-order': 7,
  'answer-lost': 6,
};

/** Amounts the card-data scan would read as the test PIN or expiry (digit-bounded). */
const SPELLS_CARD_DATA = new Set([1230, 3012, 123456]);

/** Everything a run will inject, drawn from its own seed before it starts. */
export function drawRunPlan(seed: number, index: number): RunPlan {
  const seedOfRun = runSeed(seed, index);
  const r = createPrng(seedOfRun);
  const orders: OrderPlan[] = Array.from({ length: r.int(1, 3) }, () => {
    let amount = r.int(100, 99_999);
    if (SPELLS_CARD_DATA.has(amount)) amount += 1;
    return {
      amount,
      expiresInSeconds: r.pick([1800, 172_800, 172_800]),
      card: r.weighted(CARD_WEIGHTS),
      keysPayCode: r.chance(0.3),
      ...(r.chance(0.25)
        ? {
            callFault: {
              kind: r.pick(['asterisk-restart', 'ari-websocket-drop'] as const),
              atOp: r.chance(0.3) ? 'payment' : r.int(0, 12),
            },
          }
        : {}),
      callsAgain: r.chance(0.5),
    };
  });
  const acquirerP = r.pick([0, 0.1, 0.25, 0.4]);
  const notifyP = r.pick([0, 0.3, 0.6]);
  const merchantP = r.pick([0, 0, 0.2]);
  return {
    seed: seedOfRun,
    orders,
    concurrentCalls: r.chance(0.4),
    acquirer: Array.from({ length: 40 }, () =>
      r.chance(acquirerP) ? r.weighted({ slow: 3, timeout: 2, '5xx': 2, reset: 2, 'answer-lost': 2 }) : null,
    ),
    notify: Array.from({ length: 24 }, () =>
      r.chance(notifyP) ? r.weighted({ duplicate: 3, reorder: 2, late: 3, dropped: 2 }) : null,
    ),
    merchant5xx: Array.from({ length: 24 }, () => r.chance(merchantP)),
    ...(r.chance(0.5)
      ? {
          kill: {
            step: r.pick(['before-send', 'after-send', 'after-answer', 'before-commit'] as const),
            consume: r.int(0, orders.length - 1),
          },
        }
      : {}),
    ...(r.chance(0.3)
      ? { sqliteBusy: { atMs: r.int(0, 1500), holdMs: r.chance(0.15) ? BUSY_PAST_TIMEOUT_MS : r.int(50, 1500) } }
      : {}),
    ...(r.chance(0.3) ? { diskFull: { afterWrites: r.int(0, 30), writes: r.int(1, 8) } } : {}),
    ...(r.chance(0.3) ? { clockJump: { atMs: r.int(0, 1500), byMs: r.int(1, 6) * 3_600_000 + r.int(0, 3_599_999) } } : {}),
  };
}

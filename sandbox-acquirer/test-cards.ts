import { maskPan } from '../src/domain/mask';
import type { CardKind } from '../src/domain/card-kind';
import type { DeclineReason } from '../src/call/decline-reason';

/**
 * What the sandbox acquirer answers for a test card keyed with the right data. Beyond approvals and
 * issuer declines:
 * - 'unavailable': the acquirer's front end refuses the request (HTTP 503), nothing is recorded;
 * - 'issuer_timeout': the consume is answered 03 (unknown), a query then says it succeeded;
 * - 'slow_answer': the charge succeeds at once but the answer comes after our timeout;
 * - 'duplicate_order': answered 12 (duplicate order) and nothing recorded, so a query says 34;
 * - 'answer_lost': charged, but answered 03, every query says 03 and no notification comes: only the
 *   reconciliation file shows the money moved (docs/reference/unionpay-acp.md: "if still undetermined, the
 *   reconciliation file is authoritative").
 */
/**
 * What the sandbox does with a cancel (31) or refund (04) of a consume paid with the card (its `reversal`):
 * - 'refused': answered 63 and nothing reversed;
 * - 'timeout': reversed at once, but the answer comes after our timeout; a query then says it succeeded;
 * - 'unknown': answered 03 and left undecided, so every query says 03 (the reconciliation file decides);
 * - 'after_cut_off': the sandbox treats the consume as past the day's cut-off whatever the time, so a cancel is
 *   refused with 39 (outside the acceptance hours) and only a refund (04) is taken (its ledger date is unchanged).
 * Cards without one are reversed at once (a cancel only before the sandbox's 23:00 Beijing cut-off, on the
 * consume's day).
 */
export type SandboxReversal = 'refused' | 'timeout' | 'unknown' | 'after_cut_off';

export type SandboxOutcome =
  'approved' | 'unavailable' | 'issuer_timeout' | 'slow_answer' | 'duplicate_order' | 'answer_lost' | DeclineReason;

export interface TestCard {
  pan: string;
  kind: CardKind;
  /** Issuer code as in src/domain/bin-table (and the `bank-<code>` prompt). */
  bankCode: string;
  /** What the cardholder keys for this card's outcome (README wording). */
  keys: string;
  outcome: SandboxOutcome;
  /** The issuer wants an SMS code (111111, after an SMS request for the same order) with the consume. */
  needsSmsCode?: boolean;
  /** Approved consumes whose cancels and refunds the sandbox treats as this scenario. */
  reversal?: SandboxReversal;
  note: string;
}

export const TEST_PIN = '123456';
export const TEST_CVN2 = '123';
/** Any expiry not in the past works; this one is used in docs and tests (Dec 2030). */
export const TEST_EXPIRY_MMYY = '1230';

/** The holder of every sandbox card. An ID number or mobile sent that differs → id_mobile_mismatch. */
export const TEST_HOLDER = {
  idNumber: '341126197709218366',
  mobile: '13552535506',
  smsCode: '111111',
  name: '全渠道',
} as const;

const DEBIT_KEYS = `PIN ${TEST_PIN}`;
const CREDIT_KEYS = `expiry ${TEST_EXPIRY_MMYY} (any not in the past), CVN2 ${TEST_CVN2}`;

/**
 * The sandbox's cards: one source for the sandbox acquirer, the tests and the README. The first two
 * are UnionPay's own test cards; the scenario cards are ours, Luhn-valid, on BINs of brochure banks.
 */
export const TEST_CARDS: readonly TestCard[] = [
  {
    pan: '6216261000000000018',
    kind: 'debit',
    bankCode: 'pab',
    keys: DEBIT_KEYS,
    outcome: 'approved',
    note: 'UnionPay test card. Another PIN → wrong_pin; the 3rd wrong PIN in a row on one day → too_many_pin_tries, then the card is locked for that day.',
  },
  {
    pan: '6221558812340000',
    kind: 'credit',
    bankCode: 'pab',
    keys: CREDIT_KEYS,
    outcome: 'approved',
    note: 'UnionPay test card; fails Luhn, as some real cards do, and is accepted. Another CVN2 or a past expiry → wrong_cvn2_or_expiry.',
  },
  {
    pan: '6222021000000000066',
    kind: 'debit',
    bankCode: 'icbc',
    keys: DEBIT_KEYS,
    outcome: 'insufficient_funds',
    note: 'ICBC debit: the issuer answers insufficient funds.',
  },
  {
    pan: '6225881000000009',
    kind: 'debit',
    bankCode: 'cmb',
    keys: DEBIT_KEYS,
    outcome: 'not_enabled_cnp',
    note: 'China Merchants Bank debit: not enabled for card-not-present (无卡支付) payments.',
  },
  {
    pan: '6253621000000004',
    kind: 'credit',
    bankCode: 'ccb',
    keys: CREDIT_KEYS,
    outcome: 'card_expired',
    note: 'China Construction Bank credit: the issuer says the card has expired, whatever expiry is keyed.',
  },
  {
    pan: '6216611000000000080',
    kind: 'debit',
    bankCode: 'boc',
    keys: DEBIT_KEYS,
    outcome: 'unavailable',
    note: 'Bank of China debit: the acquirer cannot be reached; nothing is charged and the order stays payable.',
  },
  {
    pan: '6212221000000003',
    kind: 'debit',
    bankCode: 'hxb',
    keys: DEBIT_KEYS,
    outcome: 'too_many_pin_tries',
    note: 'Hua Xia Bank debit: the PIN tries are already used up at the issuer, whatever PIN is keyed.',
  },
  {
    pan: '6229011000000009',
    kind: 'credit',
    bankCode: 'cib',
    keys: CREDIT_KEYS,
    outcome: 'issuer_timeout',
    note: 'Industrial Bank credit: the issuer times out, the acquirer answers 03 (unknown); the query then says it succeeded.',
  },
  {
    pan: '6200851000000001',
    kind: 'debit',
    bankCode: 'ceb',
    keys: DEBIT_KEYS,
    outcome: 'slow_answer',
    note: 'China Everbright Bank debit: charged at once, but the answer comes later than ACQUIRER_TIMEOUT_MS; the query says it succeeded.',
  },
  {
    pan: '6200821000000004',
    kind: 'debit',
    bankCode: 'citic',
    keys: DEBIT_KEYS,
    outcome: 'duplicate_order',
    note: 'China CITIC Bank debit: answered 12 (duplicate order) and not charged; the query finds nothing and the order stays payable.',
  },
  {
    pan: '6226151000000006',
    kind: 'debit',
    bankCode: 'cmbc',
    keys: `${DEBIT_KEYS}, then SMS code ${TEST_HOLDER.smsCode}`,
    outcome: 'approved',
    needsSmsCode: true,
    note: 'China Minsheng Bank debit: the issuer wants an SMS code (always 111111 in the sandbox) sent to the holder mobile; without it → declined (71).',
  },
  {
    pan: '6216261000000001024',
    kind: 'debit',
    bankCode: 'pab',
    keys: DEBIT_KEYS,
    outcome: 'approved',
    reversal: 'refused',
    note: 'Ping An Bank debit, refund refused: the payment is approved; its cancel or refund is answered 63 and nothing is reversed.',
  },
  {
    pan: '6216261000000002030',
    kind: 'debit',
    bankCode: 'pab',
    keys: DEBIT_KEYS,
    outcome: 'approved',
    reversal: 'timeout',
    note: 'Ping An Bank debit, refund timeout: the refund is made at once but answered after ACQUIRER_TIMEOUT_MS; the query says it succeeded.',
  },
  {
    pan: '6216261000000003046',
    kind: 'debit',
    bankCode: 'pab',
    keys: DEBIT_KEYS,
    outcome: 'approved',
    reversal: 'unknown',
    note: 'Ping An Bank debit, refund unknown: the refund is answered 03 and every query says 03; it stays unknown for reconciliation.',
  },
  {
    pan: '6216261000000004051',
    kind: 'debit',
    bankCode: 'pab',
    keys: DEBIT_KEYS,
    outcome: 'approved',
    reversal: 'after_cut_off',
    note: 'Ping An Bank debit, refund after the cut-off: the sandbox treats the payment as past the day’s cut-off, so a cancel (31) is refused with 39 and a refund (04) is needed.',
  },
  {
    pan: '6216261000000005066',
    kind: 'debit',
    bankCode: 'pab',
    keys: DEBIT_KEYS,
    outcome: 'answer_lost',
    note: 'Ping An Bank debit, answer lost: charged, but answered 03, every query says 03 and no notification comes; the attempt stays unknown until the reconciliation file shows it paid.',
  },
];

export function findTestCard(pan: string): TestCard | undefined {
  return TEST_CARDS.find((card) => card.pan === pan);
}

/** The reversal scenario card that paid a consume, by the masked number the ledger keeps (first 6, last 4). */
export function reversalScenarioOf(maskedPan: string | undefined): SandboxReversal | undefined {
  if (!maskedPan) return undefined;
  return TEST_CARDS.find((c) => c.reversal && maskPan(c.pan) === maskedPan)?.reversal;
}

/**
 * The first card of the table with this kind and outcome (the SMS-code card only when asked for),
 * so tests, the demo and the benchmark name a card by what it does rather than copy its number.
 */
export function testCardFor(kind: CardKind, outcome: SandboxOutcome, opts: { needsSmsCode?: boolean } = {}): TestCard {
  const wantsSms = opts.needsSmsCode ?? false;
  const card = TEST_CARDS.find((c) => c.kind === kind && c.outcome === outcome && (c.needsSmsCode ?? false) === wantsSms);
  if (!card) throw new Error(`no ${kind} test card with outcome ${outcome}${wantsSms ? ' and an SMS code' : ''}`);
  return card;
}

import { TEST_CVN2, TEST_EXPIRY_MMYY, TEST_HOLDER, testCardFor } from '../../../sandbox-acquirer/test-cards';

/** The Stasis app instance the benchmark starts, and its dialplan entry (dialplan/sandbox/extensions-bench.conf). */
export const BENCH_APP = 'ivrpay-bench';
export const APP_CONTEXT = 'ivrpay-bench-app';
/**
 * bench:calls --cluster: the two nodes' apps, one per node, and their dialplan entry, which hands each call to one of
 * them as production does (ivrpay-stasis over IVRPAY_APPS; dialplan/sandbox/extensions-bench.conf lists these).
 */
export const CLUSTER_APPS = ['ivrpay-bench-a', 'ivrpay-bench-b'];
export const CLUSTER_CONTEXT = 'ivrpay-bench-cluster';
/** The pure-dialplan baseline of the same call. */
export const DIALPLAN_CONTEXT = 'ivrpay-bench-dialplan';
/** The simulated cardholders' own Stasis app. */
export const CALLER_APP = 'ivrpay-bench-caller';

/** 123.45 yuan: the baseline dialplan reads this amount back. */
export const BENCH_AMOUNT_FEN = 12345;

/** The sandbox's approving credit test card (fails Luhn, so the call also plays the Luhn warning). */
const CREDIT_CARD = testCardFor('credit', 'approved');

/**
 * What the cardholder keys for each field the IVR asks, as a caller who keys the digits and then waits: `#`
 * only after the card number, the one field of varying length; the others end on their last digit.
 */
export const ANSWERS: Record<string, string> = {
  card: `${CREDIT_CARD.pan}#`,
  expiry: TEST_EXPIRY_MMYY,
  cvn2: TEST_CVN2,
  id: TEST_HOLDER.idNumber.replace('X', '*'),
  mobile: TEST_HOLDER.mobile,
  confirm: '1',
};

/** The prompt that ends each field's question (the last item when there are several). */
export const FIELD_PROMPT: Record<string, string> = {
  card: 'enter-card',
  expiry: 'enter-expiry',
  cvn2: 'enter-cvn2',
  id: 'enter-id',
  mobile: 'enter-mobile',
  confirm: 'confirm-pay',
};

/** A complete credit payment asks exactly these, in this order, in both the app and the baseline. */
export const EXPECTED_FIELDS = ['card', 'expiry', 'cvn2', 'id', 'mobile', 'confirm'];

/** The prompt a paid call announces (the app's PlaybackStarted, the baseline's Playback()). */
export const SUCCESS_PROMPT = 'payment-success';

/** What a call the service does not admit hears, alone, before it is hung up (README, "Admission control"). */
export const BUSY_PROMPT = 'lines-busy';

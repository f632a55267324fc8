import type { AcquirerPort } from '../../src/acquirer/acquirer-port';
import { formatTxnTime } from '../../src/acquirer/acp/txn-time';

/**
 * What the tests' fake acquirers answer alike: ACP's transaction time, so attempts are recorded as
 * in production, no notifications (a fake sends none) and no reversals.
 */
export const acquirerBasics: Pick<
  AcquirerPort,
  'txnTimeOf' | 'parseNotification' | 'reversalOrderIdOf' | 'reverse' | 'queryReversal'
> = {
  txnTimeOf: formatTxnTime,
  parseNotification: () => ({ ok: false, reason: 'unexpected' }),
  reversalOrderIdOf: (id) => id.replace(/[^A-Za-z0-9]/g, ''),
  // Fakes for payments send no reversal: nothing reaches the acquirer.
  reverse: () => Promise.resolve({ outcome: 'unavailable' }),
  queryReversal: () => Promise.resolve({ outcome: 'not_found' }),
};

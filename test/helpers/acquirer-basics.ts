import type { AcquirerPort } from '../../src/acquirer/acquirer-port';
import { formatTxnTime } from '../../src/acquirer/acp/txn-time';

/**
 * What the tests' fake acquirers answer alike: ACP's transaction time, so attempts are recorded as
 * in production, and no notifications (a fake sends none).
 */
export const acquirerBasics: Pick<AcquirerPort, 'txnTimeOf' | 'parseNotification'> = {
  txnTimeOf: formatTxnTime,
  parseNotification: () => ({ ok: false, reason: 'unexpected' }),
};

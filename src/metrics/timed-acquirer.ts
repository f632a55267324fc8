import type { AcquirerPort } from '../acquirer/acquirer-port';
import type { Metrics } from './metrics';

/** A transaction type, by name (the ACP codes behind them: consume 01, query 00, cancel 31, refund 04, …). */
export type TxnType = 'consume' | 'query' | 'cancel' | 'refund' | 'reversal_query' | 'sms_code' | 'file_transfer';

/**
 * The acquirer with each request timed and counted by transaction type and outcome (the answer's own outcome,
 * `error` when it threw). Answers and errors pass through untouched; what the port does not have stays absent.
 */
export function timedAcquirer(
  acquirer: AcquirerPort,
  metrics: Pick<Metrics, 'acquirerSeconds' | 'acquirerRequests'>,
): AcquirerPort {
  async function timed<T>(txnType: TxnType, request: () => Promise<T>, outcomeOf: (answer: T) => string): Promise<T> {
    const stop = metrics.acquirerSeconds.startTimer({ txn_type: txnType });
    try {
      const answer = await request();
      metrics.acquirerRequests.inc({ txn_type: txnType, outcome: outcomeOf(answer) });
      return answer;
    } catch (err) {
      metrics.acquirerRequests.inc({ txn_type: txnType, outcome: 'error' });
      throw err;
    } finally {
      stop();
    }
  }
  const outcome = (answer: { outcome: string }) => answer.outcome;
  const smsCodeRequired = acquirer.smsCodeRequired?.bind(acquirer);
  const requestSmsCode = acquirer.requestSmsCode?.bind(acquirer);
  const reconciliationFile = acquirer.reconciliationFile?.bind(acquirer);

  return {
    pay: (request) => timed('consume', () => acquirer.pay(request), outcome),
    query: (ref) => timed('query', () => acquirer.query(ref), outcome),
    reverse: (request) => timed(request.kind, () => acquirer.reverse(request), outcome),
    queryReversal: (ref) => timed('reversal_query', () => acquirer.queryReversal(ref), outcome),
    txnTimeOf: (instant) => acquirer.txnTimeOf(instant),
    parseNotification: (body) => acquirer.parseNotification(body),
    reversalOrderIdOf: (reversalId) => acquirer.reversalOrderIdOf(reversalId),
    ...(smsCodeRequired && { smsCodeRequired }),
    ...(requestSmsCode && {
      requestSmsCode: (request) =>
        timed(
          'sms_code',
          () => requestSmsCode(request),
          (answer) => (answer.ok ? 'sent' : answer.reason === 'unavailable' ? 'unavailable' : 'declined'),
        ),
    }),
    ...(reconciliationFile && {
      reconciliationFile: (settleDate) =>
        timed(
          'file_transfer',
          () => reconciliationFile(settleDate),
          (file) => (file ? 'found' : 'none'),
        ),
    }),
  };
}

import { expect } from 'chai';
import type { AcquirerPort } from '../../src/acquirer/acquirer-port';
import { createMetrics } from '../../src/metrics/metrics';
import { timedAcquirer } from '../../src/metrics/timed-acquirer';
import { parseSamples, valueOf } from './prometheus-text';

const ref = { orderId: 'ord_1', attemptId: 'att_1', txnTime: '20260301160000' };

function fakeAcquirer(extra: Partial<AcquirerPort> = {}): AcquirerPort {
  return {
    pay: () => Promise.reject(new Error('socket hang up')),
    query: () => Promise.resolve({ outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' }),
    reverse: () => Promise.resolve({ outcome: 'accepted', responseCode: '00' }),
    queryReversal: () => Promise.resolve({ outcome: 'not_found' }),
    txnTimeOf: () => '20260301160000',
    parseNotification: () => ({ ok: false, reason: 'bad_signature' }),
    reversalOrderIdOf: (id) => `R${id}`,
    ...extra,
  };
}

describe('metrics/timed-acquirer', () => {
  it('when requests answer or throw, then each is counted by transaction type and outcome and timed', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const acquirer = timedAcquirer(fakeAcquirer(), metrics);

    const error = await acquirer.pay({} as Parameters<AcquirerPort['pay']>[0]).catch((err: Error) => err);
    expect((error as Error).message).to.equal('socket hang up');
    expect(await acquirer.query(ref)).to.deep.include({ outcome: 'declined' });
    const reversal = { acquirerOrderId: 'R1', txnTime: '20260301160000', amount: 100, origAcquirerRef: 'x' };
    await acquirer.reverse({ ...reversal, kind: 'refund' });
    await acquirer.reverse({ ...reversal, kind: 'cancel' });
    await acquirer.queryReversal({ acquirerOrderId: 'R1', txnTime: '20260301160000' });

    const samples = parseSamples(await metrics.registry.metrics());
    const count = (txnType: string, outcome: string) =>
      valueOf(samples, 'ivrpay_acquirer_requests_total', { txn_type: txnType, outcome });
    expect([
      count('consume', 'error'),
      count('query', 'declined'),
      count('refund', 'accepted'),
      count('cancel', 'accepted'),
      count('reversal_query', 'not_found'),
    ]).to.deep.equal([1, 1, 1, 1, 1]);
    expect(valueOf(samples, 'ivrpay_acquirer_request_duration_seconds_count', { txn_type: 'consume' })).to.equal(1);
  });

  it('when the acquirer has no SMS code or file transfer, then neither has the timed one; when it has, they are timed', async () => {
    const metrics = createMetrics({ processMetrics: false });
    const plain = timedAcquirer(fakeAcquirer(), metrics);
    expect(['smsCodeRequired', 'requestSmsCode', 'reconciliationFile'].filter((method) => method in plain)).to.deep.equal([]);

    const full = timedAcquirer(
      fakeAcquirer({
        smsCodeRequired: () => true,
        requestSmsCode: () => Promise.resolve({ ok: false, reason: 'unavailable' }),
        reconciliationFile: () => Promise.resolve(undefined),
      }),
      metrics,
    );
    expect(full.smsCodeRequired?.({ pan: '6222020000000000', kind: 'debit' })).to.equal(true);
    await full.requestSmsCode?.({} as Parameters<AcquirerPort['pay']>[0]);
    await full.reconciliationFile?.('20260301');
    const samples = parseSamples(await metrics.registry.metrics());
    expect(valueOf(samples, 'ivrpay_acquirer_requests_total', { txn_type: 'sms_code', outcome: 'unavailable' })).to.equal(1);
    expect(valueOf(samples, 'ivrpay_acquirer_requests_total', { txn_type: 'file_transfer', outcome: 'none' })).to.equal(1);
  });
});

import { Writable } from 'node:stream';
import { expect } from 'chai';
import pino from 'pino';
import type { PlannedItem } from '../../src/reconciliation/reconciliation-plan';
import type { RefundSettler } from '../../src/reconciliation/refund-settler';
import { settleRefunds } from '../../src/reconciliation/settle-refunds';

type Word = Parameters<RefundSettler['settle']>[1];

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

const refundItem = (refundId: string, succeeded: boolean, acquirerRef?: string): PlannedItem => ({
  kind: succeeded ? 'matched' : 'resolved',
  recordType: 'refund',
  recordId: refundId,
  action: { kind: 'refund', refundId, succeeded, ...(acquirerRef ? { acquirerRef } : {}) },
});

describe('reconciliation/settle-refunds', () => {
  it('when the file decides refunds, then each gets its word: a success with the serial and code 00, a failure bare', async () => {
    const calls: [string, Word][] = [];
    const settler: RefundSettler = {
      settle: (id, word) => {
        calls.push([id, word]);
        return Promise.resolve();
      },
    };
    const items: PlannedItem[] = [
      refundItem('rfd-1', true, 'Q1'),
      { kind: 'matched', action: { kind: 'pay', attemptId: 'att-1', acquirerRef: 'Q2' } },
      refundItem('rfd-2', false),
      { kind: 'acquirer_only' },
    ];

    await settleRefunds(settler, items, capture().log);

    expect(calls).to.deep.equal([
      ['rfd-1', { succeeded: true, acquirerRef: 'Q1', responseCode: '00' }],
      ['rfd-2', { succeeded: false }],
    ]);
  });

  it('when one refund cannot be settled, then it is alerted by id and the others are still settled', async () => {
    const settled: string[] = [];
    const settler: RefundSettler = {
      settle: (id) => {
        if (id === 'rfd-1') return Promise.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
        settled.push(id);
        return Promise.resolve();
      },
    };
    const { log, lines } = capture();

    await settleRefunds(settler, [refundItem('rfd-1', true, 'Q1'), refundItem('rfd-2', false)], log);

    expect(settled).to.deep.equal(['rfd-2']);
    expect(lines).to.have.length(1);
    expect(lines[0]).to.deep.include({
      alert: 'reconciliation_refund_unsettled',
      refundId: 'rfd-1',
      err: { name: 'Error', code: 'SQLITE_BUSY' },
    });
  });
});

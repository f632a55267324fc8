import { Writable } from 'node:stream';
import pino from 'pino';
import { acpOrderIdOf } from '../../src/acquirer/acp/attempt-order-id';
import type { AttemptState } from '../../src/domain/payment-attempt-state';
import { createOrderService } from '../../src/order/order-service';
import { createReconciliationService } from '../../src/reconciliation/reconciliation-service';
import type { RefundSettler } from '../../src/reconciliation/refund-settler';
import { createMerchantService } from '../../src/services/merchant-service';
import type { RefundState } from '../../src/store/payment-rows';
import type { LedgerEntry } from '../../sandbox-acquirer/sandbox-ledger';
import { reconciliationFile } from '../../sandbox-acquirer/sandbox-server/reconciliation-file';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

export const MER_ID = '777290058110097';
export const DAY = '20260302';
const AT = '2026-03-02T04:00:00.000Z';

export interface Day extends TestDeps {
  merchantId: string;
  alerts: Record<string, unknown>[];
  settled: { refundId: string; succeeded: boolean; acquirerRef?: string }[];
  /** An order with one payment attempt in `state`; returns both ids and the attempt's file line. */
  payment(
    state: AttemptState,
    opts?: { amount?: number; queryId?: string },
  ): Promise<{ orderId: string; attemptId: string; line: LedgerEntry }>;
  refund(
    paymentAttemptId: string,
    orderId: string,
    state: RefundState,
    amount: number,
  ): Promise<{ id: string; line: LedgerEntry }>;
  service(opts?: { cutoff?: string }): ReturnType<typeof createReconciliationService>;
}

let serial = 0;

/** A settlement day over a fresh store: orders with attempts and refunds, and the sandbox's file of them. */
export async function reconciliationDay(): Promise<Day> {
  const deps = await createTestDeps(new Date('2026-03-03T02:00:00.000Z'));
  const alerts: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _e, done) {
      const line = JSON.parse(chunk.toString()) as Record<string, unknown>;
      if (line.alert) alerts.push(line);
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  const merchant = await createMerchantService({ ...deps, log }).createMerchant('Reconciled');
  const orders = createOrderService({ ...deps, log, defaultExpiresSeconds: 86400 });
  const settled: Day['settled'] = [];
  const settler: RefundSettler = {
    settle: (refundId, word) => {
      settled.push({ refundId, succeeded: word.succeeded, ...(word.acquirerRef ? { acquirerRef: word.acquirerRef } : {}) });
      return Promise.resolve();
    },
  };

  return {
    ...deps,
    log,
    merchantId: merchant.id,
    alerts,
    settled,
    async payment(state, opts = {}) {
      serial += 1;
      const amount = opts.amount ?? 1000 + serial;
      const order = await orders.createOrder(merchant.id, {
        merchantOrderId: `R${serial}`,
        amount,
        notifyUrl: 'https://merchant.example/hook',
      });
      await orders.claimByPayCode(order.payCode as string, `call-${serial}`);
      const call: { id: string } = await deps.db('order_attempts').where({ order_id: order.id }).first('id');
      const attemptId = `${call.id}-1`;
      const queryId = opts.queryId ?? `2026030212000000${String(serial).padStart(5, '0')}`;
      await deps.db('payment_attempts').insert({
        id: attemptId,
        order_id: order.id,
        order_attempt_id: call.id,
        call_id: `call-${serial}`,
        amount,
        currency: 'CNY',
        txn_time: '20260302120000',
        card_masked: '621626*********0018',
        card_bank: 'pab',
        card_kind: 'debit',
        state,
        acquirer_ref: state === 'approved' ? queryId : null,
        created_at: AT,
        updated_at: AT,
      });
      // The call is over: paid, or left payable while the attempt is open (payments stay blocked by it).
      await deps
        .db('orders')
        .where({ id: order.id })
        .update(state === 'approved' ? { status: 'paid', acquirer_ref: queryId } : { status: 'abandoned' });
      const line: LedgerEntry = {
        merId: MER_ID,
        orderId: acpOrderIdOf(attemptId),
        txnTime: '20260302120000',
        txnType: '01',
        amountFen: amount,
        respCode: '00',
        queryId,
        traceNo: '000001',
        traceTime: '0302120001',
        settleDate: DAY,
        maskedPan: '621626*********0018',
      };
      return { orderId: order.id, attemptId, line };
    },
    async refund(paymentAttemptId, orderId, state, amount) {
      serial += 1;
      const id = `rfd_${String(serial).padStart(20, '0')}`;
      const acquirerOrderId = id.replace(/[^A-Za-z0-9]/g, '');
      const queryId = `2026030213000000${String(serial).padStart(5, '0')}`;
      await deps.db('refunds').insert({
        id,
        order_id: orderId,
        merchant_id: merchant.id,
        kind: 'refund',
        amount,
        currency: 'CNY',
        reason: 'test',
        payment_attempt_id: paymentAttemptId,
        orig_query_id: 'Q',
        acquirer_order_id: acquirerOrderId,
        txn_time: '20260302130000',
        state,
        acquirer_ref: state === 'succeeded' ? queryId : null,
        created_at: AT,
        updated_at: AT,
      });
      const line: LedgerEntry = {
        merId: MER_ID,
        orderId: acquirerOrderId,
        txnTime: '20260302130000',
        txnType: '04',
        amountFen: amount,
        respCode: '00',
        queryId,
        traceNo: '000002',
        traceTime: '0302130001',
        settleDate: DAY,
        origQryId: 'Q',
      };
      return { id, line };
    },
    service(opts = {}) {
      return createReconciliationService({
        ...deps,
        log,
        merId: MER_ID,
        cutoff: opts.cutoff ?? '240000',
        acquirerOrderIdOf: acpOrderIdOf,
        refunds: settler,
        download: () =>
          Promise.resolve(fileOf ? { name: `INN26030288ZM_${MER_ID}`, content: Buffer.from(fileOf(), 'latin1') } : undefined),
      });
    },
  };
}

/** What the fake acquirer's file transfer hands out; set by tests. */
let fileOf: (() => string) | undefined;
export function acquirerFile(entries: LedgerEntry[] | string): void {
  fileOf = () => (typeof entries === 'string' ? entries : reconciliationFile(entries, DAY));
}

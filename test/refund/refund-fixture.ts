import type { CardData } from '../../src/call/card-data';
import { maskPan } from '../../src/domain/mask';
import { createRefundNotifications } from '../../src/refund/refund-notifications';
import { createRefundRecovery } from '../../src/refund/refund-recovery';
import { createRefundService, type RefundService } from '../../src/refund/refund-service';
import { createRefundSettler, type RefundSettlerDeps } from '../../src/refund/refund-settler';
import { createMerchantService } from '../../src/services/merchant-service';
import { newId } from '../../src/store/new-id';
import type { OrderRow } from '../../src/store/rows';
import { createSandboxAcquirer, type InProcessSandboxAcquirer } from '../../sandbox-acquirer/sandbox-acquirer';
import { TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { DEBIT } from '../helpers/test-cards';

/** 10:00 Beijing on 1 March 2026: before the 23:00 cut-off. */
export const MORNING = new Date('2026-03-01T02:00:00.000Z');

export interface RefundBench {
  deps: TestDeps;
  sandbox: InProcessSandboxAcquirer;
  acquirer: RefundSettlerDeps['acquirer'];
  refunds: RefundService;
  settler: ReturnType<typeof createRefundSettler>;
  recovery: ReturnType<typeof createRefundRecovery>;
  notifications: ReturnType<typeof createRefundNotifications>;
  merchantId: string;
  otherMerchantId: string;
  /** An order paid through the in-process sandbox acquirer with `pan`, now; its row as stored. */
  paidOrder(opts?: { amount?: number; pan?: string; notifyUrl?: string }): Promise<OrderRow>;
  /** An order not paid. */
  createdOrder(): Promise<OrderRow>;
}

/**
 * The refund feature over a fresh store and the in-process sandbox acquirer (the same reversal rules as the
 * sandbox server: sandbox-acquirer/sandbox-reversal.ts), with short query delays. `acquirer` may wrap the sandbox.
 */
export async function startRefundBench(
  opts: { start?: Date; wrap?: (a: InProcessSandboxAcquirer) => RefundSettlerDeps['acquirer'] } = {},
): Promise<RefundBench> {
  const deps = await createTestDeps(opts.start ?? MORNING);
  const sandbox = createSandboxAcquirer({ now: deps.now });
  const acquirer = opts.wrap ? opts.wrap(sandbox) : sandbox;
  const settler = createRefundSettler({ ...deps, acquirer, queryDelaysMs: [0, 0, 0] });
  const refunds = createRefundService({ ...deps, acquirer, settler, cutOff: '23:00', answerWaitMs: 5_000 });
  const merchants = createMerchantService(deps);
  const merchantId = (await merchants.createMerchant('Acme')).id;
  const otherMerchantId = (await merchants.createMerchant('Other')).id;

  async function insertOrder(status: OrderRow['status'], amount: number, notifyUrl?: string): Promise<OrderRow> {
    const nowIso = deps.now().toISOString();
    const row: OrderRow = {
      id: newId('ord'),
      merchant_id: merchantId,
      merchant_order_id: newId('m'),
      amount,
      currency: 'CNY',
      description: '',
      mode: 'inbound',
      status,
      pay_code: null,
      spent_pay_code: null,
      expires_at: new Date(deps.now().getTime() + 3_600_000).toISOString(),
      card_masked: null,
      card_bank: null,
      card_kind: null,
      card_fingerprint: null,
      decline_reason: null,
      acquirer_ref: null,
      in_call_id: null,
      in_call_node: null,
      notify_url: notifyUrl ?? null,
      refund_reserved: 0,
      refunded_amount: 0,
      language: null,
      created_at: nowIso,
      updated_at: nowIso,
    };
    await deps.db('orders').insert(row);
    return row;
  }

  return {
    deps,
    sandbox,
    acquirer,
    refunds,
    settler,
    recovery: createRefundRecovery({ ...deps, settler }),
    notifications: createRefundNotifications(deps),
    merchantId,
    otherMerchantId,
    async paidOrder(o = {}) {
      const amount = o.amount ?? 10_000;
      const pan = o.pan ?? DEBIT;
      const order = await insertOrder('created', amount, o.notifyUrl);
      const at = deps.now();
      const callId = newId('call');
      const orderAttemptId = newId('att');
      const attemptId = `${orderAttemptId}-1`;
      const txnTime = sandbox.txnTimeOf(at);
      const card: CardData = { pan, kind: 'debit', pin: TEST_PIN };
      const paid = await sandbox.pay({ orderId: order.id, attemptId, amount, currency: 'CNY', txnTime, card, holder: {} });
      if (paid.outcome !== 'approved') throw new Error(`the fixture payment was ${paid.outcome}`);
      const masked = maskPan(pan);
      await deps.db('order_attempts').insert({
        id: orderAttemptId,
        order_id: order.id,
        call_id: callId,
        started_at: at.toISOString(),
        ended_at: at.toISOString(),
        outcome: 'paid',
        payment_count: 1,
        card_masked: masked,
        card_bank: 'pab',
        card_kind: 'debit',
        decline_reason: null,
        response_code: '00',
      });
      await deps.db('payment_attempts').insert({
        id: attemptId,
        order_id: order.id,
        order_attempt_id: orderAttemptId,
        call_id: callId,
        amount,
        currency: 'CNY',
        txn_time: txnTime,
        card_masked: masked,
        card_bank: 'pab',
        card_kind: 'debit',
        card_fingerprint: null,
        state: 'approved',
        response_code: '00',
        decline_reason: null,
        acquirer_ref: paid.acquirerRef,
        created_at: at.toISOString(),
        updated_at: at.toISOString(),
        resolved_at: at.toISOString(),
      });
      await deps
        .db('orders')
        .where({ id: order.id })
        .update({ status: 'paid', acquirer_ref: paid.acquirerRef, card_masked: masked, card_bank: 'pab', card_kind: 'debit' });
      return (await deps.db('orders').where({ id: order.id }).first()) as OrderRow;
    },
    createdOrder: () => insertOrder('created', 10_000),
  };
}

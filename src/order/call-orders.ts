import type { Language } from '../domain/language';
import type { CallOrder, ClaimResult, InboundCaller, OrdersForCall } from '../call/call-ports';
import { queueAbandonedCallSms, type AbandonedCallSmsSettings } from '../callback/abandoned-call-sms';
import { enqueueOrderEvent } from '../notify/enqueue-order-event';
import { parseGreetingLanguages } from '../services/merchant-call-options';
import { expireOrders } from '../services/order-expiry';
import type { ServiceDeps } from '../services/service-deps';
import { newId } from '../store/new-id';
import type { ClaimedOrderRow } from '../store/repositories/order-repository';
import type { Store } from '../store/store';

type NotClaimable = Extract<ClaimResult, { ok: false }>['reason'];

function toCallOrder(row: ClaimedOrderRow): CallOrder {
  return {
    id: row.id,
    merchantId: row.merchant_id,
    merchantName: row.merchant_name,
    amount: Number(row.amount),
    currency: row.currency,
    requires: { idNumber: Boolean(row.require_id_number), mobile: Boolean(row.require_mobile) },
    ...callLanguage(row.language, row.merchant_language),
    confirmCard: Boolean(row.confirm_card),
    greetingLanguages: parseGreetingLanguages(row.greeting_languages),
  };
}

/** The order's language, else its merchant's (README, "Language of a call"); nothing when neither has one. */
function callLanguage(order: Language | null, merchant: Language | null | undefined): { language?: Language } {
  const language = order ?? merchant;
  return language ? { language } : {};
}

/** Why `payCode` could not be claimed, for the caller's prompt. */
async function whyNotClaimable(store: Store, payCode: string, now: Date): Promise<NotClaimable> {
  if ((await expireOrders(store, now, { payCode })) > 0) return 'expired';
  const live = await store.orders.findByPayCode(payCode);
  if (live) return live.status === 'in_call' ? 'in_call' : 'not_payable';
  const spent = await store.orders.findBySpentPayCode(payCode);
  if (!spent) return 'unknown';
  if (spent.status === 'paid' || spent.status === 'expired') return spent.status;
  return 'not_payable';
}

/** Why the order `orderId` could not be claimed by a callback. */
async function whyNotClaimableById(store: Store, orderId: string, now: Date): Promise<NotClaimable> {
  if ((await expireOrders(store, now, { id: orderId })) > 0) return 'expired';
  const row = await store.orders.find(orderId);
  if (!row) return 'unknown';
  if (row.status === 'paid' || row.status === 'expired' || row.status === 'in_call') return row.status;
  return 'not_payable';
}

/**
 * The order side of a payment call. Every transaction here starts with a write, so SQLite takes the
 * write lock up front (waiting up to busy_timeout) instead of failing on a read-to-write upgrade.
 */
export interface CallOrders extends OrdersForCall {
  /**
   * Start-up: the orders this node's last run left in a call (and any claimed before nodes were recorded) are
   * released as abandoned, those calls having died with that run; how many. Other nodes' calls are left alone.
   */
  recoverStaleCalls(): Promise<number>;
  /** The orders held by calls of these dead nodes (their heartbeat expired) are released as abandoned; how many. */
  takeOverCallsOf(nodeIds: string[]): Promise<number>;
  /**
   * Orders still held by a call that has ended (`isLive` says it is not in the Stasis app any more) are released
   * as abandoned, as the call would have released them: a call script whose release failed (the store refusing
   * a write) would otherwise leave its order in_call, neither payable nor expiring, until the next restart. How many.
   */
  releaseEndedCalls(isLive: (callId: string) => boolean): Promise<number>;
}

/** The node of a deployment of one (tests, tools): a service given no `nodeId` holds its calls as this node. */
export const SINGLE_NODE = 'local';

export interface CallOrdersDeps extends ServiceDeps {
  /** This app node (config `node.id`): the calls it claims orders for are its own. */
  nodeId?: string;
  /** The SMS to inbound callers who leave an order unpaid (src/callback/abandoned-call-sms.ts); none without it. */
  abandonedCallSms?: AbandonedCallSmsSettings;
}

export function createCallOrders(deps: CallOrdersDeps): CallOrders {
  const { store } = deps;
  const nodeId = deps.nodeId ?? SINGLE_NODE;

  /** Marks the payable order with this pay code or id as in this call, with its attempt; undefined when none matched. */
  function claim(by: 'pay_code' | 'id', value: string, callId: string, nowIso: string): Promise<ClaimedOrderRow | undefined> {
    return store.transaction(async (tx) => {
      // One conditional UPDATE: of two calls claiming the same order at once, exactly one matches.
      if (!(await tx.orders.claimForCall(by, value, callId, nodeId, nowIso))) return undefined;
      const row = await tx.orders.findClaimed(by, value);
      // The UPDATE just matched it in this transaction; should it not be found, nothing of the claim stays.
      if (!row) throw new Error(`claimed order ${value} not found`);
      await tx.orderAttempts.insert({
        id: newId('att'),
        order_id: row.id,
        call_id: callId,
        started_at: nowIso,
        outcome: 'in_call',
      });
      return row;
    });
  }

  /** The orders these nodes' calls held become abandoned, their open attempts end, and each merchant is told. */
  async function abandonCallsOf(nodeIds: string[]): Promise<number> {
    const now = deps.now();
    const nowIso = now.toISOString();
    return store.transaction(async (tx) => {
      const orders = await tx.orders.abandonCallsOf(nodeIds, nowIso);
      await tx.orderAttempts.endOpenOfReleased('abandoned', nowIso);
      for (const id of orders) await enqueueOrderEvent(tx, id, 'order.abandoned', now);
      return orders.length;
    });
  }

  async function releaseAfterCall(
    orderId: string,
    callId: string,
    outcome: 'abandoned' | 'declined',
    caller?: InboundCaller,
  ): Promise<void> {
    const now = deps.now();
    const nowIso = now.toISOString();
    const sms = deps.abandonedCallSms;
    const released = await store.transaction(async (tx) => {
      const done = await tx.orders.releaseFromCall(orderId, callId, outcome, nowIso);
      if (done) await enqueueOrderEvent(tx, orderId, `order.${outcome}`, now);
      await tx.orderAttempts.end(orderId, callId, outcome, nowIso);
      // In this transaction, after its first write, so the per-order SMS cap holds against a callback giving up.
      if (outcome === 'abandoned' && caller && sms) {
        await queueAbandonedCallSms(tx, { orderId, callId, callerNumber: caller.callerNumber }, sms, now, deps.log);
      }
      return done;
    });
    // Nothing to release when the call paid the order, or start-up recovery already ended the call.
    deps.log.info({ callId, orderId, outcome, released }, 'call released order');
  }

  return {
    async claimByPayCode(payCode, callId) {
      if (!/^\d{6}$/.test(payCode)) return { ok: false, reason: 'unknown' };
      const now = deps.now();
      const claimed = await claim('pay_code', payCode, callId, now.toISOString());
      if (!claimed) {
        const reason = await whyNotClaimable(store, payCode, now);
        deps.log.info({ callId, reason }, 'pay code not claimable');
        return { ok: false, reason };
      }
      deps.log.info({ callId, orderId: claimed.id }, 'order claimed by call');
      return { ok: true, order: toCallOrder(claimed) };
    },

    async claimById(orderId, callId) {
      const now = deps.now();
      const claimed = await claim('id', orderId, callId, now.toISOString());
      if (!claimed) {
        const reason = await whyNotClaimableById(store, orderId, now);
        deps.log.info({ callId, orderId, reason }, 'order not claimable by callback');
        return { ok: false, reason };
      }
      deps.log.info({ callId, orderId }, 'order claimed by callback');
      return { ok: true, order: toCallOrder(claimed) };
    },

    async languageOf(orderId) {
      const order = await store.orders.find(orderId);
      if (!order) return undefined;
      const merchant = order.language ? undefined : await store.merchants.find(order.merchant_id);
      return callLanguage(order.language, merchant?.language).language;
    },

    releaseAfterCall,

    async releaseEndedCalls(isLive) {
      const ended = (await store.orders.inCall(nodeId)).filter((held) => !isLive(held.callId));
      for (const held of ended) {
        deps.log.warn({ orderId: held.id, callId: held.callId }, 'order held by a call that has ended: released');
        await releaseAfterCall(held.id, held.callId, 'abandoned');
      }
      return ended.length;
    },

    async recoverStaleCalls() {
      const count = await abandonCallsOf([nodeId]);
      if (count > 0) deps.log.warn({ count }, 'orders left in a call by the previous run are now abandoned');
      return count;
    },

    async takeOverCallsOf(nodeIds) {
      const count = nodeIds.length ? await abandonCallsOf(nodeIds) : 0;
      if (count > 0) deps.log.warn({ count, nodes: nodeIds }, 'orders held by calls of dead nodes are now abandoned');
      return count;
    },
  };
}

import type { CardData } from '../../src/call/card-data';
import type { PaymentResult } from '../../src/call/payment-result';
import type { AcquirerPort } from '../../src/acquirer/acquirer-port';
import { TEST_HOLDER } from '../../sandbox-acquirer/test-cards';
import { createSecretBox, type SecretBox } from '../../src/notify/secret-box';
import { createMerchantService, type MerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createPaymentService } from '../../src/payment/payment-service';
import type { TestDeps } from '../helpers/test-db';
import { acquirerBasics } from '../helpers/acquirer-basics';
import { testCardFingerprint } from '../helpers/test-fingerprint';

export const APPROVED: PaymentResult = { outcome: 'approved', acquirerRef: 'ref-1', responseCode: '00' };
export const INSUFFICIENT: PaymentResult = { outcome: 'declined', reason: 'insufficient_funds', responseCode: '51' };

/** A fixed test key, so a test can build a second box over the same data. */
export const TEST_SECRETS_KEY = Buffer.alloc(32, 7);

export interface Shop {
  box: SecretBox;
  merchants: MerchantService;
  orders: OrderService;
  merchantId: string;
  webhookSecret: string;
  /** A new order, claimed by `callId` as a caller keying its pay code would. */
  orderInCall(notifyUrl: string | undefined, callId?: string): Promise<string>;
  /** An order whose call was released as abandoned, then cancelled by its merchant 1 ms later: two events, in that order. */
  orderAbandonedThenCancelled(notifyUrl: string): Promise<string>;
  /** Sends one payment for the call with an acquirer that answers `result`. */
  pay(orderId: string, callId: string, card: CardData, result: PaymentResult): Promise<void>;
}

export async function openShop(deps: TestDeps): Promise<Shop> {
  const box = createSecretBox({ current: TEST_SECRETS_KEY });
  const merchants = createMerchantService({ ...deps, secretBox: box });
  const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
  const { id: merchantId, webhookSecret } = await merchants.createMerchant('Acme');
  let count = 0;
  const orderInCall: Shop['orderInCall'] = async (notifyUrl, callId = 'call-1') => {
    count += 1;
    const order = await orders.createOrder(merchantId, { merchantOrderId: `A${count}`, amount: 500, notifyUrl });
    await orders.claimByPayCode(order.payCode!, callId);
    return order.id;
  };
  return {
    box,
    merchants,
    orders,
    merchantId,
    webhookSecret,
    orderInCall,
    async orderAbandonedThenCancelled(notifyUrl) {
      const orderId = await orderInCall(notifyUrl, 'call-1');
      await orders.releaseAfterCall(orderId, 'call-1', 'abandoned');
      deps.advance(1);
      await orders.cancelOrder(merchantId, orderId);
      return orderId;
    },
    async pay(orderId, callId, card, result) {
      const acquirer: AcquirerPort = {
        ...acquirerBasics,
        pay: () => Promise.resolve(result),
        query: () => Promise.resolve(result),
      };
      await createPaymentService({ cardFingerprint: testCardFingerprint, ...deps, acquirer, callerWaitMs: 1000 }).pay({
        orderId,
        callId,
        card,
        bankCode: 'pab',
        holder: { idNumber: TEST_HOLDER.idNumber, mobile: TEST_HOLDER.mobile },
      });
    },
  };
}

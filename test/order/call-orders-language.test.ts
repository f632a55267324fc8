import { expect } from 'chai';
import type { Language } from '../../src/domain/language';
import { createMerchantService, type MerchantService } from '../../src/services/merchant-service';
import { createOrderService, type OrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('order/call-orders: the language a call is held in', () => {
  let deps: TestDeps;
  let orders: OrderService;
  let merchants: MerchantService;
  let merchantId: string;
  let n = 0;

  /** An order (with this language, if any) of a merchant with this default, if any; then what a call sees of it. */
  async function callSees(order: Language | undefined, merchant: Language | null) {
    await merchants.setLanguage(merchantId, merchant);
    const created = await orders.createOrder(merchantId, {
      merchantOrderId: `L${++n}`,
      amount: 100,
      ...(order ? { language: order } : {}),
    });
    const before = await orders.languageOf(created.id);
    const claim = await orders.claimByPayCode(created.payCode!, `call-${n}`);
    if (!claim.ok) throw new Error(`not claimed: ${claim.reason}`);
    return { before, claimed: claim.order.language };
  }

  beforeEach(async () => {
    deps = await createTestDeps();
    orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
    merchants = createMerchantService(deps);
    merchantId = (await merchants.createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when the order gives a language, then that one, whatever the merchant’s', async () => {
    expect(await callSees('en', 'zh')).to.deep.equal({ before: 'en', claimed: 'en' });
    expect(await callSees('zh', 'en')).to.deep.equal({ before: 'zh', claimed: 'zh' });
  });

  it('when the order gives none, then the merchant’s default', async () => {
    expect(await callSees(undefined, 'en')).to.deep.equal({ before: 'en', claimed: 'en' });
  });

  it('when neither gives one, then none, so the call keeps DEFAULT_LANGUAGE', async () => {
    expect(await callSees(undefined, null)).to.deep.equal({ before: undefined, claimed: undefined });
  });

  it('when the order does not exist, then no language', async () => {
    expect(await orders.languageOf('ord_nope')).to.equal(undefined);
  });
});

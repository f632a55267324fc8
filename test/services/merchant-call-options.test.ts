import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { greetingSound } from '../../src/call/sound-id';
import { createCallOrders } from '../../src/order/call-orders';
import { createOrderService } from '../../src/order/order-service';
import { createMerchantCallOptions, type MerchantCallOptions } from '../../src/services/merchant-call-options';
import { createMerchantService } from '../../src/services/merchant-service';
import { createSoundLibrary } from '../../src/sounds/sound-library';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { wav } from '../sounds/wav-builder';

describe('services/merchant-call-options', () => {
  let deps: TestDeps;
  let dir: string;
  let options: MerchantCallOptions;
  let merchantId: string;

  beforeEach(async () => {
    deps = await createTestDeps();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-call-options-'));
    options = createMerchantCallOptions({ ...deps, greetingsDir: path.join(dir, 'greetings') });
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(async () => {
    await deps.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function claimedOrder() {
    const order = await createOrderService({ ...deps, defaultExpiresSeconds: 1800 }).createOrder(merchantId, {
      merchantOrderId: 'A1',
      amount: 100,
    });
    const claim = await createCallOrders(deps).claimByPayCode(order.payCode!, 'call-1');
    if (!claim.ok) throw new Error(`not claimed: ${claim.reason}`);
    return claim.order;
  }

  it('when a merchant has neither option, then its calls key the card once and hear no greeting', async () => {
    expect(await claimedOrder())
      .to.include({ merchantId, confirmCard: false })
      .and.deep.include({ greetingLanguages: [] });
  });

  it("when a merchant sets both, then a call claiming its order gets them, and the greeting's file is where the call plays it", async () => {
    const file = path.join(dir, 'acme.wav');
    fs.writeFileSync(file, wav());
    await options.setGreeting(merchantId, file, 'zh');
    await options.setConfirmCard(merchantId, true);

    const order = await claimedOrder();

    expect(order)
      .to.include({ confirmCard: true })
      .and.deep.include({ greetingLanguages: ['zh'] });
    const played = createSoundLibrary({ generatedDir: '/unused', greetingsDir: path.join(dir, 'greetings') }).file(
      'en',
      greetingSound(merchantId, 'zh'),
    );
    // Asterisk adds the extension itself.
    expect(fs.existsSync(`${played}.wav`)).to.equal(true);
  });
});

import { once } from 'node:events';
import { expect } from 'chai';
import { TEST_HOLDER, TEST_PIN } from '../../sandbox-acquirer/test-cards';
import { api, newOrder, startE2e, TEST_CONTEXT, type E2eHarness } from '../helpers/e2e-service';
import { DEBIT } from '../helpers/test-cards';

const answers = {
  card: `${DEBIT}#`,
  pin: `${TEST_PIN}#`,
  id: `${TEST_HOLDER.idNumber}#`,
  mobile: `${TEST_HOLDER.mobile}#`,
  confirm: '1',
};

describe('admission control through the sandbox Asterisk @e2e', function () {
  this.timeout(120_000);
  let h: E2eHarness;

  before(async () => {
    h = await startE2e('admission', { TRUNK_LINES: '2', CALLBACK_RESERVED_INBOUND_LINES: '1', CALLBACK_MAX_LINES: '1' });
  });
  after(async () => {
    await h?.stop();
  });

  it('when both lines are in use, then a 3rd caller hears "lines busy" and is hung up while the first two pay', async () => {
    const refused: unknown[] = [];
    h.service.stasis.events.on('call-refused', (e) => refused.push(e));
    const orders = [await newOrder(h, 12_00), await newOrder(h, 34_00), await newOrder(h, 56_00)];
    const dial = (payCode: string) => `Local/${payCode}@${TEST_CONTEXT}`;
    let asked = 0;
    const bothIn = new Promise<void>((resolve) =>
      h.service.stasis.events.on('collect', () => {
        if (++asked === 2) resolve();
      }),
    );
    const paying = orders
      .slice(0, 2)
      .map((order) => h.caller.call({ endpoint: dial(order.payCode), answers, timeoutMs: 100_000 }));
    await bothIn;
    const refusedEnded = once(h.service.stasis.events, 'call-refused');
    const third = await h.caller.call({ endpoint: dial(orders[2].payCode), answers, timeoutMs: 30_000 });
    await refusedEnded;

    expect(third).to.deep.include({ fieldsAsked: [], hungUpBy: 'ivr', fallback: false });
    expect(third.promptsHeard).to.deep.equal(['lines-busy']);
    expect(refused).to.have.length(1);
    expect(refused[0]).to.include({ reason: 'lines-full' });
    const results = await Promise.all(paying);
    for (const result of results) expect(result.fieldsAsked).to.deep.equal(['card', 'pin', 'id', 'mobile', 'confirm']);
    const statuses = await Promise.all(orders.map(async (order) => (await api(h, `/v1/orders/${order.id}`)).status));
    expect(statuses).to.deep.equal(['paid', 'paid', 'created']);
  });
});

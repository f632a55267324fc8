import { expect } from 'chai';
import { createCallbackPolicies, parseDelays, parseHours } from '../../src/callback/callback-policy';
import { createMerchantService } from '../../src/services/merchant-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('callback/callback-policy', () => {
  let deps: TestDeps;
  let merchantId: string;
  beforeEach(async () => {
    deps = await createTestDeps();
    merchantId = (await createMerchantService(deps).createMerchant('Acme')).id;
  });
  afterEach(() => deps.db.destroy());

  it('when a merchant has set nothing, then the defaults apply (+2, +10, +30; 08:00–21:00 Shanghai)', async () => {
    expect(await createCallbackPolicies(deps).get(merchantId)).to.deep.equal({
      merchantId,
      retryDelaysMinutes: [2, 10, 30],
      callingHours: { start: '08:00', end: '21:00', timeZone: 'Asia/Shanghai' },
    });
  });

  it('when only the hours change, then the delays are kept, and the reverse', async () => {
    const policies = createCallbackPolicies(deps);
    await policies.set(merchantId, { hours: { start: '09:30', end: '20:00' } });
    const after = await policies.set(merchantId, { delaysMinutes: [5, 60] });
    expect(after).to.deep.equal({
      merchantId,
      retryDelaysMinutes: [5, 60],
      callingHours: { start: '09:30', end: '20:00', timeZone: 'Asia/Shanghai' },
    });
    expect(await policies.get(merchantId)).to.deep.equal(after);
  });

  it('when the input is bad, then validation_failed, and nothing is stored', async () => {
    const policies = createCallbackPolicies(deps);
    const codes: string[] = [];
    for (const change of [{ hours: { start: '21:00', end: '08:00' } }, { delaysMinutes: [0] }, { timeZone: 'Mars/Base' }]) {
      await policies.set(merchantId, change).catch((err: { code: string }) => codes.push(err.code));
    }
    expect(codes).to.deep.equal(['validation_failed', 'validation_failed', 'validation_failed']);
    expect((await policies.get(merchantId)).retryDelaysMinutes).to.deep.equal([2, 10, 30]);
    await policies.get('mch_nope').catch((err: { code: string }) => codes.push(err.code));
    expect(codes.at(-1)).to.equal('not_found');
  });

  it('when delays and hours are written as on the command line, then they parse', () => {
    expect(parseDelays('2, 10,30')).to.deep.equal([2, 10, 30]);
    expect(parseDelays('')).to.deep.equal([]);
    expect(() => parseDelays('2,x')).to.throw('whole minutes');
    expect(parseHours('08:00-21:00')).to.deep.equal({ start: '08:00', end: '21:00' });
    expect(() => parseHours('8-21')).to.throw('HH:MM-HH:MM');
  });
});

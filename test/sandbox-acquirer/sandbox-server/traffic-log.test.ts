import fs from 'node:fs';
import { expect } from 'chai';
import { createTrafficLog, sanitizeFields } from '../../../sandbox-acquirer/sandbox-server/traffic-log';
import { testOutputFile } from '../../helpers/test-output';

describe('sandbox traffic log', () => {
  it('when fields are sanitized, then card-bearing fields are removed and signatures, certificates and check values marked', () => {
    const safe = sanitizeFields({
      orderId: 'o1',
      accNo: 'QUJD',
      customerInfo: 'e30=',
      pin: 'x',
      zonePinKey: 'k',
      signature: 'sig',
      signPubKeyCert: '-----BEGIN',
      checkValue: 'A1B2C3',
      respCode: '00',
    });
    expect(safe).to.deep.equal({
      orderId: 'o1',
      accNo: '[removed]',
      customerInfo: '[removed]',
      pin: '[removed]',
      zonePinKey: '[removed]',
      signature: '[signature]',
      signPubKeyCert: '[certificate]',
      checkValue: '[kcv]',
      respCode: '00',
    });
  });

  it('when an entry is recorded to a file, then it is one sanitized JSON line', () => {
    const file = testOutputFile('traffic-log-unit.log');
    fs.rmSync(file, { force: true });
    createTrafficLog(file).record(
      { dir: 'in', path: '/p', fields: { accNo: 'QUJD', orderId: 'o1' } },
      new Date('2026-03-02T00:00:00Z'),
    );
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).to.deep.equal({
      at: '2026-03-02T00:00:00.000Z',
      dir: 'in',
      path: '/p',
      fields: { accNo: '[removed]', orderId: 'o1' },
    });
  });
});

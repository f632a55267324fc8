import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import { createLogger } from '../../src/log/logger';
import { DEBIT as PAN } from '../helpers/test-cards';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    stream,
    text,
    lines: () =>
      text()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

describe('log/logger', () => {
  it('when card fields are logged at any depth, then their values are never written', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream });

    log.info({ pan: PAN, cardNumber: PAN, cvn2: '123', pin: '123456', expiry: '1230', digits: '6216' }, 'top level');
    log.info({ card: { pan: PAN, cvn2: '123', pin: '123456', expiryMmyy: '1230' } }, 'one level');
    log.info({ request: { card: { pan: PAN, cvn2: '123' }, holder: { idNumber: '341126197709218366' } } }, 'two levels');
    log.info({ a: { b: { c: { pan: PAN } } } }, 'three levels');
    log.child({ callId: 'c1' }).info({ card: { pan: PAN } }, 'child');

    const text = out.text();
    for (const secret of [PAN, '"123"', '123456', '1230', '6216"', '341126197709218366']) {
      expect(text, secret).not.to.include(secret);
    }
    expect(out.lines()[1]).to.deep.include({
      card: { pan: '[redacted]', cvn2: '[redacted]', pin: '[redacted]', expiryMmyy: '[redacted]' },
    });
  });

  it('when a card number is in a message, an error or a key name not listed before, then it is not written (issue 17, defect 3)', () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream });
    log.info(`lookup of ${PAN} failed`);
    log.warn({ err: new Error(`Failed to decode param '${PAN}'`) }, 'request failed');
    log.info(
      { req: { headers: { Authorization: 'Bearer ivrpay_sk_secret' } }, customerInfo: '{phoneNo=1}', phoneNo: '13552535506' },
      'keys',
    );
    log.info({ sql: 'insert into x values (?)', bindings: [PAN] }, 'a store error');
    const text = out.text();
    expect(text).not.to.include(PAN).and.not.include('ivrpay_sk_secret').and.not.include('13552535506');
    expect(text).to.include('621626*********0018');
  });

  it('when lines are for a person (a terminal), then they are readable, not JSON, and card numbers are still masked', async () => {
    const out = capture();
    const log = createLogger({ level: 'info', destination: out.stream, pretty: true });
    log.info({ orderId: 'ord_1', cardNo: PAN }, `lookup of ${PAN} failed`);
    await new Promise((resolve) => setImmediate(resolve));
    const text = out.text();
    expect(text).to.match(/INFO.*lookup of 621626\*{9}0018 failed/);
    expect(text).to.include('orderId: "ord_1"');
    expect(text).not.to.include(PAN);
    expect(() => JSON.parse(text.trim().split('\n')[0]) as unknown).to.throw();
  });

  it('when a harmless field is logged, then it is written as JSON with level and message', () => {
    const out = capture();
    createLogger({ level: 'info', destination: out.stream }).info({ orderId: 'ord_1', masked: '621626*********0018' }, 'paid');
    expect(out.lines()[0]).to.include({ level: 30, msg: 'paid', orderId: 'ord_1', masked: '621626*********0018' });
  });

  it('when the level is warn, then info lines are dropped', () => {
    const out = capture();
    const log = createLogger({ level: 'warn', destination: out.stream });
    log.info('quiet');
    log.warn('loud');
    expect(out.lines().map((l) => l.msg)).to.deep.equal(['loud']);
  });

  it('when a file is set, then lines also go to that file, with card fields redacted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-log-'));
    try {
      const file = path.join(dir, 'sub', 'ivrpay.log');
      const out = capture();
      createLogger({ level: 'info', file, destination: out.stream }).info({ card: { pan: PAN } }, 'to both');
      const written = fs.readFileSync(file, 'utf8');
      expect(written).to.include('to both').and.not.to.include(PAN);
      expect(out.text()).to.include('to both');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

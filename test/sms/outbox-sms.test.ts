import { expect } from 'chai';
import fs from 'node:fs';
import pino from 'pino';
import { Writable } from 'node:stream';
import { createOutboxSms } from '../../src/sms/outbox-sms';
import { testOutputFile } from '../helpers/test-output';

describe('sms/outbox-sms', () => {
  it('when a message is sent, then it is appended as a JSON line and logged without its text or full number', async () => {
    const file = testOutputFile('sms-outbox-test.jsonl');
    fs.rmSync(file, { force: true });
    const lines: string[] = [];
    const log = pino({ level: 'info' }, new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }));
    const outbox = createOutboxSms({ file, log, now: () => new Date('2026-03-01T08:00:00Z') });

    const first = await outbox.send({ to: '13552535506', text: '【ivrpay】一' });
    const second = await outbox.send({ to: '13800138000', text: '【ivrpay】二' });

    const written = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);
    expect(written).to.deep.equal([
      { providerId: first.providerId, at: '2026-03-01T08:00:00.000Z', to: '13552535506', text: '【ivrpay】一' },
      { providerId: second.providerId, at: '2026-03-01T08:00:00.000Z', to: '13800138000', text: '【ivrpay】二' },
    ]);
    expect(first.providerId)
      .to.match(/^outbox_/)
      .and.not.equal(second.providerId);
    expect(lines).to.have.length(2);
    expect(lines[0]).to.include('135****5506').and.not.include('13552535506').and.not.include('【ivrpay】');
  });
});

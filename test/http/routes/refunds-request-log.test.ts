import { Writable } from 'node:stream';
import { expect } from 'chai';
import request from 'supertest';
import { AppError } from '../../../src/domain/app-error';
import { createLogger } from '../../../src/log/logger';
import { createTestApp } from '../test-app';

describe('http/routes/refunds: the request log line', () => {
  it('when a refund is posted for a path holding a card number glued to percent-encoding, then the log has the route pattern, not the number', async () => {
    const pan = '6253621000000004';
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const t = await createTestApp({
      app: {
        log: createLogger({ level: 'info', destination }),
        refunds: { createRefund: () => Promise.reject(new AppError('not_found', 'no such order')) },
      },
    });
    // %9A ends in a letter, so the masking of digit runs (which spares runs glued to letters, as in our ids) let it through.
    const res = await request(t.app)
      .post(`/v1/orders/%E1%B6%9A${pan}/refunds`)
      .set('Authorization', `Bearer ${t.a.key}`)
      .set('Idempotency-Key', 'k1')
      .send({ amount: 1 });
    await t.deps.db.destroy();

    expect(res.status).to.equal(404);
    const line = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'http request');
    expect(line).to.include({ method: 'POST', route: '/v1/orders/:id/refunds', status: 404 });
    expect(lines.join('')).not.to.include(pan);
  });
});

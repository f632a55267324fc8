import { expect } from 'chai';
import request from 'supertest';
import type { AgentDesk, CaptureView } from '../../../src/agent-assist/agent-desk';
import { captureViewSchema } from '../../../src/http/api-schemas';
import { buildOpenApiDocument } from '../../../src/http/openapi-document';
import { AppError } from '../../../src/domain/app-error';
import { bodyOf, errorOf } from '../../helpers/body-of';
import { createTestApp, type TestApp } from '../test-app';

const VIEW: CaptureView = { captureId: 'cap_1', orderId: 'ord_1', state: 'collecting', fields: [] };

describe('http/routes/agent-capture (POST /v1/orders/:id/agent-capture)', () => {
  let t: TestApp;
  const started: [string, string, string][] = [];
  let answer: () => Promise<CaptureView> = () => Promise.resolve(VIEW);
  const desk: Pick<AgentDesk, 'startCapture'> = {
    startCapture: (merchantId, callId, orderId) => {
      started.push([merchantId, callId, orderId]);
      return answer();
    },
  };

  beforeEach(async () => {
    started.length = 0;
    answer = () => Promise.resolve(VIEW);
    t = await createTestApp({ app: { agentDesk: desk } });
  });
  afterEach(() => t.deps.db.destroy());

  const post = (orderId: string, body: unknown, key = t.a.key) =>
    request(t.app)
      .post(`/v1/orders/${orderId}/agent-capture`)
      .set('Authorization', `Bearer ${key}`)
      .send(body as object);

  it('when a merchant starts a capture on its call, then 201 with the capture, for that merchant, call and order', async () => {
    const res = await post('ord_1', { callId: 'chan-1' });
    expect(res.status).to.equal(201);
    expect(bodyOf<CaptureView>(res)).to.deep.equal(VIEW);
    expect(captureViewSchema.safeParse(res.body).success).to.equal(true);
    expect(started).to.deep.equal([[t.a.id, 'chan-1', 'ord_1']]);
  });

  it('when callId is missing, empty or extra fields come, then 400 naming the field, and nothing starts', async () => {
    for (const body of [{}, { callId: '' }, { callId: 'c', pan: '6216261000000000018' }]) {
      const res = await post('ord_1', body);
      expect(res.status).to.equal(400);
      expect(errorOf(res).code).to.equal('validation_failed');
    }
    expect(errorOf(await post('ord_1', {})).fields).to.have.property('callId');
    expect(started).to.deep.equal([]);
  });

  it('when the desk says not_found (another merchant’s call or order) or conflict (a capture runs), then 404 and 409', async () => {
    answer = () => Promise.reject(new AppError('not_found', 'call not found'));
    expect((await post('ord_1', { callId: 'chan-1' }, t.b.key)).status).to.equal(404);
    answer = () => Promise.reject(new AppError('conflict', 'a capture already runs on this call'));
    const res = await post('ord_1', { callId: 'chan-1' });
    expect(res.status).to.equal(409);
    expect(errorOf(res).code).to.equal('conflict');
  });

  it('when the same Idempotency-Key is sent again, then the first answer is replayed and no second capture starts', async () => {
    const send = () =>
      request(t.app)
        .post('/v1/orders/ord_1/agent-capture')
        .set('Authorization', `Bearer ${t.a.key}`)
        .set('Idempotency-Key', 'k-1')
        .send({ callId: 'chan-1' });
    expect((await send()).status).to.equal(201);
    const again = await send();
    expect(again.status).to.equal(201);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(started).to.have.length(1);
  });

  it('when no API key is sent, then 401', async () => {
    const res = await request(t.app).post('/v1/orders/ord_1/agent-capture').send({ callId: 'chan-1' });
    expect(res.status).to.equal(401);
  });

  it('is in the OpenAPI document, with the capture events’ schema', () => {
    const doc = buildOpenApiDocument();
    expect(doc.paths['/v1/orders/{id}/agent-capture']?.post).to.not.equal(undefined);
    expect(doc.components?.schemas).to.include.keys('Capture', 'CaptureEvent', 'AgentCaptureRequest');
  });
});

import { expect } from 'chai';
import request from 'supertest';
import { orderSchema } from '../../src/http/api-schemas';
import { bodyOf } from '../helpers/body-of';
import { createTestApp, type TestApp } from './test-app';

/** The parts of the OpenAPI document these tests read. */
interface ApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    securitySchemes: Record<string, object>;
    schemas: Record<string, { required: string[]; properties: Record<string, object> }>;
  };
}
interface Operation {
  requestBody: { content: Record<string, { schema: object }> };
  parameters: { name: string; required?: boolean }[];
}

describe('http/api-docs', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.deps.db.destroy());

  it('when /openapi.json is fetched without a key, then it is an OpenAPI 3 document of every v1 operation', async () => {
    const res = await request(t.app).get('/openapi.json');
    expect(res.status).to.equal(200);
    const doc = bodyOf<ApiDocument>(res);
    expect(doc.openapi).to.match(/^3\./);
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).to.deep.equal([
      'GET /v1/banks',
      'GET /v1/orders/{id}',
      'GET /v1/settlements',
      'GET /v1/settlements/{id}/lines',
      'POST /v1/orders',
      'POST /v1/orders/{id}/agent-capture',
      'POST /v1/orders/{id}/cancel',
      'POST /v1/orders/{id}/refunds',
    ]);
    expect(doc.components.securitySchemes.apiKey).to.include({ type: 'http', scheme: 'bearer' });
  });

  it('when the document describes a new order, then it carries the validation rules the API applies', async () => {
    const body = bodyOf<ApiDocument>(await request(t.app).get('/openapi.json'));
    const newOrder = body.components.schemas.NewOrder;
    expect(newOrder.required).to.include.members(['merchantOrderId', 'amount']);
    expect(newOrder.properties.amount).to.include({ type: 'integer', minimum: 1 });
    const post = body.paths['/v1/orders'].post;
    expect(post.requestBody.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/NewOrder' });
    expect(post.parameters.map((p) => p.name)).to.include.members(['Idempotency-Key', 'X-Signature']);
  });

  it('when the document describes refunds, then the body, the required Idempotency-Key, the refund and its events are there', async () => {
    const body = bodyOf<ApiDocument>(await request(t.app).get('/openapi.json'));
    const post = body.paths['/v1/orders/{id}/refunds'].post;
    expect(post.requestBody.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/NewRefund' });
    expect(post.parameters.find((p) => p.name === 'Idempotency-Key')).to.include({ required: true });
    expect(body.components.schemas.NewRefund.required).to.include.members(['amount', 'reason']);
    expect(body.components.schemas.Refund.properties).to.include.keys('kind', 'state', 'amount');
    expect(body.components.schemas.RefundEvent.properties).to.include.keys('type', 'data');
    expect(body.components.schemas.Order.properties).to.include.keys('refunds', 'refundedAmount');
  });

  it('when a real order is read, then it matches the documented Order schema', async () => {
    const created = await request(t.app)
      .post('/v1/orders')
      .set('Authorization', `Bearer ${t.a.key}`)
      .send({ merchantOrderId: 'A1', amount: 100 });
    expect(orderSchema.safeParse(created.body).success).to.equal(true);
  });

  it('when /docs is opened, then Swagger UI is served from local files with no external address', async () => {
    const page = await request(t.app).get('/docs/');
    expect(page.status).to.equal(200);
    expect(page.text).to.include('swagger-ui-bundle.js');
    expect(page.text).not.to.match(/src=["']https?:/);
    const init = await request(t.app).get('/docs/swagger-ui-init.js');
    expect(init.status).to.equal(200);
    expect(init.text).to.include('/v1/orders/{id}/cancel');
    expect(init.text).to.include('"validatorUrl": null');
    expect((await request(t.app).get('/docs/swagger-ui-bundle.js')).status).to.equal(200);
  });

  it('when any answer is sent, then helmet security headers are on it', async () => {
    const res = await request(t.app).get('/healthz');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers['content-security-policy']).to.include("default-src 'self'").and.not.include('upgrade-insecure-requests');
    expect(res.headers['x-frame-options']).to.equal('SAMEORIGIN');
    expect(res.headers).not.to.have.property('x-powered-by');
  });
});

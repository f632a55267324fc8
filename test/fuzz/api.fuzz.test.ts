import { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { expect } from 'chai';
import fc from 'fast-check';
import request from 'supertest';
import { createLogger } from '../../src/log/logger';
import { createRefundService } from '../../src/refund/refund-service';
import { createRefundSettler } from '../../src/refund/refund-settler';
import { createSettlementService, type SettlementService } from '../../src/settlement/settlement-service';
import { createSandboxAcquirer } from '../../sandbox-acquirer/sandbox-acquirer';
import { createTestApp, type TestApp } from '../http/test-app';
import { cardNumber } from './card-arbitraries';
import { fuzz, fuzzTimeout } from './fuzz-settings';

const FILE = 'test/fuzz/api.fuzz.test.ts';

/** What a header may carry on the wire (Node refuses the rest before sending, so it is no test of ours). */
const headerText = (maxLength = 300) =>
  fc.string({
    unit: fc.oneof(
      fc.constantFrom('\t', ' '),
      fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)),
    ),
    maxLength,
  });

/** A path segment: safe characters, percent-encoded text, and the broken encodings the router chokes on. */
const segment = (pan: string, orderId: string) =>
  fc
    .array(
      fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9_.~-]{0,12}$/),
        fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent),
        fc.constantFrom('%', '%E0%A4%A', '%zz', '%00', '%2F', '%2e%2e', '..', '%C0%AF', '%FF', '%u0041'),
        fc.constant(pan),
        fc.constant(orderId),
      ),
      { maxLength: 4 },
    )
    .map((parts) => parts.join(''));

type Endpoint = 'create' | 'get' | 'refund' | 'cancel' | 'settlements';

/** A JSON body near what the endpoints take, with the card number in fields no schema knows. */
const plausibleBody = (pan: string) =>
  fc.record(
    {
      merchantOrderId: fc.oneof(fc.string({ maxLength: 70 }), fc.integer()),
      amount: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 5 }), fc.constant(null)),
      currency: fc.constantFrom('CNY', 'USD', '', 1),
      mode: fc.constantFrom('inbound', 'callback', 'x'),
      reason: fc.string({ maxLength: 200 }),
      cardNo: fc.constant(pan),
      [`n${pan}`]: fc.constant(pan),
      phone: fc.oneof(fc.constant(pan), fc.stringMatching(/^1\d{10}$/)),
      notifyUrl: fc.oneof(fc.webUrl(), fc.constant(`https://u:${pan}@x.cn/`)),
      expiresInSeconds: fc.integer(),
    },
    { requiredKeys: [] },
  );

const body = (pan: string) =>
  fc.oneof(
    plausibleBody(pan).map((b) => JSON.stringify(b)),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 200 }).map((s) => `${s}${pan}`),
    // Deep nesting under the 16 kB limit: the idempotency fingerprint must not recurse into a stack overflow.
    fc.integer({ min: 1, max: 8000 }).map((n) => `${'['.repeat(n)}"${pan}"${']'.repeat(n)}`),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    fc.constantFrom('', '{}', 'null', '[]', '{"a":', '\uFEFF{}', '"x"'),
  );

const request$ = fc
  .record({ pan: cardNumber, endpoint: fc.constantFrom<Endpoint>('create', 'get', 'refund', 'cancel', 'settlements') })
  .chain(({ pan, endpoint }) =>
    fc.record({
      pan: fc.constant(pan),
      endpoint: fc.constant(endpoint),
      id: segment(pan, 'ORDER'),
      query: fc.oneof(
        fc.constant(''),
        segment(pan, '2026-03-01').map((s) => `date=${s}`),
        fc.constant('date=2026-03-01&format=csv'),
      ),
      auth: fc.oneof(
        fc.constant('VALID'),
        fc.constant(undefined),
        headerText().map((s) => `Bearer ${s}`),
        headerText(),
        fc.constant(`Bearer ${pan}`),
        fc.constant('bearer   VALID   '),
      ),
      idempotencyKey: fc.option(fc.oneof(headerText(300), fc.constant(pan), fc.uuid()), { nil: undefined }),
      contentType: fc.option(
        fc.oneof(
          fc.constantFrom(
            'application/json',
            'application/json; charset=utf-8',
            'application/json; charset=utf-16',
            'application/json; charset=latin1',
            'application/json; charset=bogus',
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            '*/*',
          ),
          headerText(60),
        ),
        { nil: undefined },
      ),
      contentEncoding: fc.option(fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'bogus', 'gzip, gzip', 'GZIP'), {
        nil: undefined,
      }),
      // A body that really is compressed as its header says, so decompression is reached and passed too.
      compress: fc.boolean(),
      body: body(pan),
      extraHeader: fc.option(fc.tuple(fc.constantFrom('X-Card', 'Accept', 'X-Request-Id'), fc.constant(pan)), { nil: undefined }),
    }),
  );

function capturedLog() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), lines };
}

describe('fuzz: merchant API bodies, headers and paths', function () {
  this.timeout(fuzzTimeout(15));
  let t: TestApp;
  let lines: string[];
  let orderId: string;

  before(async () => {
    const captured = capturedLog();
    lines = captured.lines;
    // The app is built before its store exists, so refunds and settlements are reached through this holder.
    const holder: { refunds?: ReturnType<typeof createRefundService>; settlements?: SettlementService } = {};
    t = await createTestApp({
      app: {
        log: captured.log,
        // High enough that a long run is not answered 429 throughout (that would fuzz the limiter only).
        rateLimitPerMinute: 10_000_000,
        refunds: { createRefund: (...args) => holder.refunds!.createRefund(...args) },
        settlements: { list: (f) => holder.settlements!.list(f), statement: (id, m) => holder.settlements!.statement(id, m) },
      },
    });
    const deps = { ...t.deps, log: captured.log };
    const acquirer = createSandboxAcquirer({ now: t.deps.now });
    const settler = createRefundSettler({ ...deps, acquirer, queryDelaysMs: [0] });
    holder.refunds = createRefundService({ ...deps, acquirer, settler, cutOff: '23:00', answerWaitMs: 100 });
    holder.settlements = createSettlementService({ ...deps, settings: { delayDays: 1 } });
    orderId = (await t.orders.createOrder(t.a.id, { merchantOrderId: 'FUZZ-1', amount: 100 })).id;
  });
  after(() => t.deps.db.destroy());

  const name =
    'when any request reaches the five endpoints, then never a 5xx, 4xx in the error shape, and no card number echoed or logged';
  it(name, async () => {
    await fuzz(
      FILE,
      name,
      fc.asyncProperty(request$, async (r) => {
        const id = r.id.replaceAll('ORDER', orderId) || 'x';
        const path = {
          create: '/v1/orders',
          get: `/v1/orders/${id}`,
          refund: `/v1/orders/${id}/refunds`,
          cancel: `/v1/orders/${id}/cancel`,
          settlements: `/v1/settlements${r.query ? `?${r.query}` : ''}`,
        }[r.endpoint];
        const agent = request(t.app);
        let req = r.endpoint === 'get' || r.endpoint === 'settlements' ? agent.get(path) : agent.post(path);
        const auth = r.auth?.replace('VALID', t.a.key);
        if (auth !== undefined) req = req.set('Authorization', auth);
        if (r.idempotencyKey !== undefined) req = req.set('Idempotency-Key', r.idempotencyKey);
        if (r.contentType !== undefined) req = req.set('Content-Type', r.contentType);
        if (r.contentEncoding !== undefined) req = req.set('Content-Encoding', r.contentEncoding);
        if (r.extraHeader) req = req.set(r.extraHeader[0], r.extraHeader[1]);
        const raw = Buffer.from(r.body, 'utf8');
        const payload = r.compress && r.contentEncoding === 'gzip' ? zlib.gzipSync(raw) : raw;
        const logFrom = lines.length;

        const res = await req.send(payload);

        expect(res.status, res.text).to.be.below(500);
        if (res.status >= 400) {
          const error = (res.body as { error?: Record<string, unknown> }).error;
          expect(error, `${res.status} ${res.text}`).to.be.an('object');
          expect(error!.code).to.be.a('string').with.length.above(0);
          expect(error!.message).to.be.a('string').with.length.above(0);
          expect(Object.keys(error!)).to.satisfy((keys: string[]) =>
            keys.every((k) => ['code', 'message', 'fields'].includes(k)),
          );
        }
        expect(res.text, 'the answer echoes the card number').not.to.include(r.pan);
        expect(JSON.stringify(res.headers), 'a header echoes the card number').not.to.include(r.pan);
        const logged = lines.slice(logFrom).join('');
        expect(logged, 'the log holds the card number').not.to.include(r.pan);
        // An error-level line is an operator's page: a caller's bad input must never cause one.
        expect(logged).not.to.match(/"level":(50|60)/);
      }),
    );
  });
});

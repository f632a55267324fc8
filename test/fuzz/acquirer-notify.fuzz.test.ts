import { createPrivateKey } from 'node:crypto';
import { expect } from 'chai';
import fc from 'fast-check';
import { ACP_ENCODING, ACP_SIGN_METHOD_RSA, ACP_VERSION, type AcpFields } from '../../src/acquirer/acp/acp-fields';
import { acpOrderIdOf } from '../../src/acquirer/acp/attempt-order-id';
import { decodeForm, encodeForm } from '../../src/acquirer/acp/form-codec';
import { signFields } from '../../src/acquirer/acp/sign-string';
import { certIdOf } from '../../src/crypto/certificates';
import { createPaymentService, type PaymentService } from '../../src/payment/payment-service';
import type { PaymentAttemptRow } from '../../src/store/payment-rows';
import { TEST_HOLDER } from '../../sandbox-acquirer/test-cards';
import { MERCHANT_ID } from '../acquirer/acp-harness';
import { acquirerBasics } from '../helpers/acquirer-basics';
import { dumpAllTables } from '../helpers/test-db';
import { DEBIT } from '../helpers/test-cards';
import { testCardFingerprint } from '../helpers/test-fingerprint';
import { startBench, type Bench } from '../payment/payment-bench';
import { fuzz, fuzzTimeout } from './fuzz-settings';

const FILE = 'test/fuzz/acquirer-notify.fuzz.test.ts';

/** An approval for `attempt` as the acquirer would sign it (test/payment/payment-notifications.test.ts builds the same). */
function genuineFields(attempt: PaymentAttemptRow, bench: Bench): AcpFields {
  const signer = bench.h.pki.acquirerSigning;
  const fields: AcpFields = {
    version: ACP_VERSION,
    encoding: ACP_ENCODING,
    signMethod: ACP_SIGN_METHOD_RSA,
    txnType: '01',
    txnSubType: '01',
    bizType: '000301',
    accessType: '0',
    merId: MERCHANT_ID,
    orderId: acpOrderIdOf(attempt.id),
    txnTime: attempt.txn_time,
    txnAmt: String(attempt.amount),
    currencyCode: '156',
    queryId: '202603021200001234567',
    respCode: '00',
    respMsg: 'success',
    reqReserved: attempt.id,
    signPubKeyCert: signer.certPem,
  };
  return signFields(fields, createPrivateKey(signer.keyPem), certIdOf(signer.certPem));
}

type Mutation =
  | { kind: 'set'; field: number; value: string }
  | { kind: 'drop'; field: number }
  | { kind: 'add'; name: string; value: string }
  | { kind: 'duplicate'; field: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    field: fc.nat(),
    value: fc.oneof(fc.string(), fc.stringMatching(/^\d{1,21}$/)),
  }),
  fc.record({ kind: fc.constant('drop' as const), field: fc.nat() }),
  // An empty value too: a verifier that dropped empty fields let `&extra=` through (issue 17, defect 4).
  fc.record({
    kind: fc.constant('add' as const),
    name: fc.stringMatching(/^[a-zA-Z]{1,12}$/),
    value: fc.string({ maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), field: fc.nat() }),
);

/** The genuine form after the mutations, or undefined when they happen to leave it as signed. */
function tamper(genuine: AcpFields, mutations: Mutation[]): string | undefined {
  const entries = Object.entries(genuine);
  const extra: string[] = [];
  for (const m of mutations) {
    if (m.kind === 'add') {
      if (!entries.some(([k]) => k === m.name)) entries.push([m.name, m.value]);
      continue;
    }
    if (entries.length === 0) continue;
    const i = m.field % entries.length;
    if (m.kind === 'set') entries[i] = [entries[i][0], m.value];
    else if (m.kind === 'drop') entries.splice(i, 1);
    else extra.push(new URLSearchParams([entries[i]]).toString());
  }
  const body = [encodeForm(Object.fromEntries(entries)), ...extra].filter((s) => s !== '').join('&');
  let decoded: AcpFields;
  try {
    decoded = decodeForm(body);
  } catch {
    return body; // a repeated field: malformed, so tampered
  }
  // Judged on the decoded fields: a field duplicated and then dropped leaves the message exactly as signed.
  const sorted = (f: AcpFields) => JSON.stringify(Object.entries(f).sort());
  return sorted(decoded) === sorted(genuine) ? undefined : body;
}

/** Raw bodies: form-ish noise, field names the adapter reads, and plain garbage. */
const arbitraryBody = fc.oneof(
  fc
    .dictionary(
      fc.oneof(
        fc.constantFrom('respCode', 'orderId', 'merId', 'txnAmt', 'signature', 'signPubKeyCert', 'queryId', 'txnTime'),
        fc.string(),
      ),
      fc.string(),
    )
    .map((d) => encodeForm(d)),
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('', '=', '&&&', 'a=1&a=2', '%', 'respCode=%E0%A4%A', 'signature=', `accNo=${DEBIT}`),
);

describe('fuzz: acquirer notifications (POST /acquirer/notify)', function () {
  this.timeout(fuzzTimeout(30));
  let bench: Bench;
  let stuck: PaymentService;
  let attempt: PaymentAttemptRow;
  let genuine: AcpFields;

  /** An attempt awaiting the acquirer's word, as in test/payment/payment-notifications.test.ts: a notification could settle it. */
  before(async () => {
    bench = await startBench();
    stuck = createPaymentService({
      cardFingerprint: testCardFingerprint,
      store: bench.store,
      log: bench.log,
      now: bench.h.clock.now,
      acquirer: {
        ...acquirerBasics,
        pay: () => Promise.resolve({ outcome: 'pending' }),
        query: () => Promise.resolve({ outcome: 'pending' }),
      },
      callerWaitMs: 50,
      queryDelaysMs: [3_600_000],
    });
    const orderId = (await bench.orderInCall()).id;
    const holder = { idNumber: TEST_HOLDER.idNumber, mobile: TEST_HOLDER.mobile };
    await stuck.pay({ orderId, callId: 'call-1', card: bench.card(DEBIT), bankCode: 'pab', holder });
    [attempt] = await bench.attempts(orderId);
    expect(attempt.state).to.equal('unknown');
    genuine = genuineFields(attempt, bench);
  });
  after(async () => {
    await stuck.stop();
    await bench.stop();
  });

  const post = (body: string, contentType = 'application/x-www-form-urlencoded;charset=UTF-8') =>
    fetch(bench.notifyUrl, { method: 'POST', headers: { 'content-type': contentType }, body });

  /** Everything stored: a rejected notification must leave every row as it was. */
  const snapshot = async () => JSON.stringify(await dumpAllTables(bench.db));

  it('when the genuine notification is parsed (not posted), then it verifies: the mutations below start from a valid message', () => {
    expect(bench.h.acquirer.parseNotification(encodeForm(genuine)).ok).to.equal(true);
  });

  const tampered = 'when a genuine signed notification is changed in any field, then 400, rejected, and nothing stored changes';
  it(tampered, async () => {
    const before = await snapshot();
    await fuzz(
      FILE,
      tampered,
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const body = tamper(genuine, mutations);
        fc.pre(body !== undefined);
        expect(bench.h.acquirer.parseNotification(body).ok, 'the adapter verified a tampered message').to.equal(false);
        const res = await post(body);
        expect(res.status).to.equal(400);
        expect(await res.text()).to.equal('rejected');
        expect(await snapshot()).to.equal(before);
      }),
    );
  });

  const noise = 'when any body at all is posted, whatever its content type, then never a 5xx and nothing stored changes';
  it(noise, async () => {
    const before = await snapshot();
    await fuzz(
      FILE,
      noise,
      fc.asyncProperty(
        arbitraryBody,
        fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', 'application/json', 'application/octet-stream', 'x/y'),
        async (body, contentType) => {
          // The adapter itself never throws, whatever it is given.
          expect(bench.h.acquirer.parseNotification(body).ok).to.equal(false);
          const res = await post(body, contentType);
          expect(res.status).to.equal(400);
          expect(await snapshot()).to.equal(before);
        },
      ),
    );
  });
});

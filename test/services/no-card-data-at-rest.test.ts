import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'chai';
import type { PaymentResult } from '../../src/call/payment-result';
import type { AcquirerPort } from '../../src/acquirer/acquirer-port';
import { createLogger } from '../../src/log/logger';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createPaymentService } from '../../src/payment/payment-service';
import { openDb } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { createStore } from '../../src/store/store';
import { dumpAllTables } from '../helpers/test-db';
import { acquirerBasics } from '../helpers/acquirer-basics';
import { testCardFingerprint } from '../helpers/test-fingerprint';
import { CREDIT, DEBIT } from '../helpers/test-cards';

const credit = { pan: CREDIT, kind: 'credit' as const, cvn2: '123', expiryMmyy: '1230' };
const debit = { pan: DEBIT, kind: 'debit' as const, pin: '123456' };
const holder = { idNumber: '341126197709218366', mobile: '13552535506', smsCode: '111111' };
const PANS = [credit.pan, debit.pan];
const SHORT_SECRETS = [credit.cvn2, credit.expiryMmyy, '3012', debit.pin, holder.idNumber, holder.mobile, holder.smsCode];

/** Columns of random material (ids, hashes, pay codes), where a short digit run can occur by chance. */
function isRandomColumn(column: string): boolean {
  return column === 'id' || column.endsWith('_id') || column.startsWith('api_key') || column.endsWith('pay_code');
}

/**
 * Random material the service makes up and writes wherever it goes: ids (new-id.ts: a prefix, `_` and 20 hex
 * digits) and sealed secrets (secret-box.ts: `v1.` key id, IV, tag and ciphertext). A short digit run inside one is
 * chance, not card data: a sealed webhook secret holding the CVN2 `123` made this test fail now and then.
 */
const RANDOM_TOKENS = [/\b[a-z]+_[0-9a-f]{20}\b/g, /\bv1(?:\.[A-Za-z0-9_-]+){4}/g];

function withoutRandomTokens(text: string): string {
  return RANDOM_TOKENS.reduce((rest, token) => rest.replace(token, ' '), text);
}

/** Whole digit runs, for the short secrets (CVN2, expiry, PIN...), outside the random tokens. */
function digitRuns(value: unknown): string[] {
  return withoutRandomTokens(String(value)).match(/\d+/g) ?? [];
}

/** Whole digit runs anywhere, tokens included: a card number can hide nowhere. */
function allDigitRuns(value: unknown): string[] {
  return String(value).match(/\d+/g) ?? [];
}

describe('services: no card data at rest', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-scan-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when a call declines one test card and pays with another, then no table, database file or log holds card or holder data', async () => {
    const file = path.join(dir, 'ivrpay.sqlite');
    const logFile = path.join(dir, 'ivrpay.log');
    const db = await openDb(file);
    const log = createLogger({ level: 'trace', file: logFile, destination: new Writable({ write: (_c, _e, done) => done() }) });
    const now = () => new Date('2026-03-01T08:00:00.000Z');
    const answers: PaymentResult[] = [
      { outcome: 'declined', reason: 'wrong_cvn2_or_expiry', responseCode: '34' },
      { outcome: 'approved', acquirerRef: 'ref-1', responseCode: '00' },
    ];
    const acquirer: AcquirerPort = {
      ...acquirerBasics,
      pay: () => Promise.resolve(answers.shift()!),
      query: () => Promise.resolve({ outcome: 'not_found' }),
    };
    try {
      await migrateLatest(db);
      const deps = { store: createStore(db), log, now };
      const orders = createOrderService({ ...deps, defaultExpiresSeconds: 1800 });
      const payments = createPaymentService({ cardFingerprint: testCardFingerprint, ...deps, acquirer, callerWaitMs: 1000 });
      const merchant = await createMerchantService(deps).createMerchant('Scan');
      const order = await orders.createOrder(merchant.id, { merchantOrderId: 'S1', amount: 100 });
      await orders.claimByPayCode(order.payCode!, 'call-1');
      await payments.pay({ orderId: order.id, callId: 'call-1', card: credit, bankCode: 'pab', holder });
      await payments.pay({ orderId: order.id, callId: 'call-1', card: debit, bankCode: 'pab', holder });
      await orders.releaseAfterCall(order.id, 'call-1', 'abandoned');
      expect((await orders.getOrder(merchant.id, order.id)).status).to.equal('paid');

      const dump = await dumpAllTables(db);
      expect(dump.order_attempts).to.have.length(1);
      for (const [table, rows] of Object.entries(dump)) {
        for (const row of rows) {
          for (const [column, value] of Object.entries(row)) {
            for (const pan of PANS) expect(String(value), `${table}.${column}`).not.to.include(pan);
            if (isRandomColumn(column)) continue;
            const runs = digitRuns(value);
            for (const secret of SHORT_SECRETS) expect(runs, `${table}.${column}`).not.to.include(secret);
          }
        }
      }
    } finally {
      await db.destroy();
    }

    for (const name of fs.readdirSync(dir)) {
      const bytes = fs.readFileSync(path.join(dir, name)).toString('latin1');
      for (const secret of [...PANS, holder.idNumber, holder.mobile]) expect(bytes, name).not.to.include(secret);
      expect(withoutRandomTokens(bytes), name).not.to.include(debit.pin);
    }
    const logLines = fs.readFileSync(logFile, 'utf8').trim().split('\n');
    expect(logLines.length).to.be.greaterThan(3);
    for (const line of logLines) {
      const { pid: _pid, time: _time, hostname: _host, ...fields } = JSON.parse(line) as Record<string, unknown>;
      const text = JSON.stringify(fields);
      for (const pan of PANS) expect(allDigitRuns(text), line).not.to.include(pan);
      const runs = digitRuns(text);
      for (const secret of SHORT_SECRETS) expect(runs, line).not.to.include(secret);
    }
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type AdminDeps, runAdmin } from '../../src/cli/run-admin';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { makeCertificate } from '../http/merchant-certificate';

describe('cli/merchant-commands (rotate-key, set-certificate, remove-certificate)', function () {
  this.timeout(20_000);
  let deps: TestDeps;
  let admin: AdminDeps;
  let dir: string;
  const run = (...argv: string[]) => runAdmin(argv, admin);

  beforeEach(async () => {
    deps = await createTestDeps();
    admin = {
      merchants: createMerchantService(deps),
      orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(deps),
    };
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-cert-'));
  });
  afterEach(async () => {
    await deps.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when a key is rotated, then the new key is printed once and the old key stops working', async () => {
    const { id, apiKey: oldKey } = await admin.merchants.createMerchant('Acme');
    const result = await run('merchant', 'rotate-key', id);

    expect(result.exitCode, result.stderr).to.equal(0);
    const printed = JSON.parse(result.stdout) as { id: string; apiKey: string; apiKeyPrefix: string };
    expect(Object.keys(printed)).to.deep.equal(['id', 'apiKey', 'apiKeyPrefix']);
    expect((await admin.merchants.authenticate(printed.apiKey))?.id).to.equal(id);
    expect(await admin.merchants.authenticate(oldKey)).to.equal(undefined);
  });

  it('when an unknown merchant is rotated, then exit code 1 with a message', async () => {
    const result = await run('merchant', 'rotate-key', 'mch_nope');
    expect(result.exitCode).to.equal(1);
    expect(result.stderr).to.include('merchant mch_nope not found');
  });

  it('when a PEM file is set, then the merchant must sign, and remove-certificate turns it off', async () => {
    const { id, apiKey } = await admin.merchants.createMerchant('Acme');
    const file = path.join(dir, 'acme.pem');
    fs.writeFileSync(file, makeCertificate({ notBefore: new Date('2026-01-01Z'), notAfter: new Date('2027-01-01Z') }).pem);

    const set = await run('merchant', 'set-certificate', id, file);
    expect(set.exitCode, set.stderr).to.equal(0);
    expect((JSON.parse(set.stdout) as { signingCertificate: object }).signingCertificate).to.have.keys([
      'subject',
      'validTo',
      'fingerprint256',
    ]);
    expect((await admin.merchants.authenticate(apiKey))?.signingCertificate).to.be.a('string');

    const removed = await run('merchant', 'remove-certificate', id);
    expect(JSON.parse(removed.stdout)).to.deep.equal({ id, signingCertificate: null });
    expect(await admin.merchants.authenticate(apiKey)).not.to.have.property('signingCertificate');
  });

  it('when the file is missing or not a certificate, then exit code 2 with the reason', async () => {
    const { id } = await admin.merchants.createMerchant('Acme');
    const missing = await run('merchant', 'set-certificate', id, path.join(dir, 'nope.pem'));
    expect(missing.exitCode).to.equal(2);
    expect(missing.stderr).to.include('cannot read');

    const junk = path.join(dir, 'junk.pem');
    fs.writeFileSync(junk, 'hello');
    const bad = await run('merchant', 'set-certificate', id, junk);
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.include('certificate: must be an X.509 certificate in PEM');
  });

  it('when set-language is given zh, en or "", then merchant show has that language (null for DEFAULT_LANGUAGE)', async () => {
    const { id } = await admin.merchants.createMerchant('Acme');
    const shown = async () => (JSON.parse((await run('merchant', 'show', id)).stdout) as { language: string | null }).language;
    expect(await shown()).to.equal(null);

    const set = await run('merchant', 'set-language', id, 'en');
    expect(set.exitCode, set.stderr).to.equal(0);
    expect(JSON.parse(set.stdout)).to.deep.equal({ id, language: 'en' });
    expect(await shown()).to.equal('en');

    await run('merchant', 'set-language', id, '');
    expect(await shown()).to.equal(null);
  });

  it('when set-language is given another language, then exit code 2 with the allowed values, and nothing changes', async () => {
    const { id } = await admin.merchants.createMerchant('Acme');
    await run('merchant', 'set-language', id, 'zh');
    const bad = await run('merchant', 'set-language', id, 'fr');
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.include("language: must be 'zh' (Mandarin) or 'en' (English)");
    expect((JSON.parse((await run('merchant', 'show', id)).stdout) as { language: string }).language).to.equal('zh');
  });
});

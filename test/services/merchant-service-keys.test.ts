import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createMerchantService, type MerchantService } from '../../src/services/merchant-service';
import { createTestDeps, dumpAllTables, type TestDeps } from '../helpers/test-db';
import { makeCertificate } from '../http/merchant-certificate';

describe('services/merchant-service (key rotation and signing certificate)', function () {
  this.timeout(20_000);
  let deps: TestDeps;
  let merchants: MerchantService;
  beforeEach(async () => {
    deps = await createTestDeps();
    merchants = createMerchantService(deps);
  });
  afterEach(() => deps.db.destroy());

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (err: unknown) => err as AppError,
    );

  it('when the key is rotated, then the new key authenticates, the old one fails, and only a hash is stored', async () => {
    const { id, apiKey: oldKey } = await merchants.createMerchant('Acme');
    const rotated = await merchants.rotateApiKey(id);

    expect(rotated.id).to.equal(id);
    expect(rotated.apiKey)
      .to.match(/^ivrpay_sk_[A-Za-z0-9_-]{43}$/)
      .and.not.equal(oldKey);
    expect(rotated.apiKeyPrefix).to.equal(rotated.apiKey.slice(0, 16));
    expect((await merchants.authenticate(rotated.apiKey))?.id).to.equal(id);
    expect(await merchants.authenticate(oldKey)).to.equal(undefined);
    expect(JSON.stringify(await dumpAllTables(deps.db))).not.to.include(rotated.apiKey);
  });

  it('when one merchant rotates, then other merchants keep their keys', async () => {
    const a = await merchants.createMerchant('A');
    const b = await merchants.createMerchant('B');
    await merchants.rotateApiKey(a.id);
    expect((await merchants.authenticate(b.apiKey))?.id).to.equal(b.id);
  });

  it('when an unknown merchant is rotated, then not_found', async () => {
    expect((await failure(merchants.rotateApiKey('mch_nope')))?.code).to.equal('not_found');
  });

  it('when a valid certificate is set, then authenticate carries it and it can be removed again', async () => {
    const { id, apiKey } = await merchants.createMerchant('Acme');
    const cert = makeCertificate({ notBefore: new Date('2026-01-01Z'), notAfter: new Date('2027-01-01Z'), cn: 'Acme Pay' });

    const info = await merchants.setSigningCertificate(id, cert.pem);
    expect(info?.subject).to.include('CN=Acme Pay');
    expect(info?.fingerprint256).to.match(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(info?.validTo).to.equal('2027-01-01T00:00:00.000Z');
    expect((await merchants.authenticate(apiKey))?.signingCertificate).to.include('BEGIN CERTIFICATE');

    expect(await merchants.setSigningCertificate(id, null)).to.equal(undefined);
    expect(await merchants.authenticate(apiKey)).not.to.have.property('signingCertificate');
  });

  it('when the certificate is not PEM, too weak, or expired, then validation_failed names the certificate and nothing changes', async () => {
    const { id, apiKey } = await merchants.createMerchant('Acme');
    const weak = makeCertificate({ notBefore: new Date('2026-01-01Z'), notAfter: new Date('2027-01-01Z'), bits: 1024 });
    const expired = makeCertificate({ notBefore: new Date('2024-01-01Z'), notAfter: new Date('2025-01-01Z') });
    for (const [pem, message] of [
      ['not a certificate', 'must be an X.509 certificate in PEM'],
      [weak.pem, 'the RSA key must have at least 2048 bits'],
      [expired.pem, 'is not valid at this time'],
    ]) {
      const err = await failure(merchants.setSigningCertificate(id, pem));
      expect(err?.code).to.equal('validation_failed');
      expect(err?.fields).to.deep.equal({ certificate: message });
    }
    expect(await merchants.authenticate(apiKey)).not.to.have.property('signingCertificate');
  });

  it('when the merchant is unknown, then setting a certificate is not_found', async () => {
    const cert = makeCertificate({ notBefore: new Date('2026-01-01Z'), notAfter: new Date('2027-01-01Z') });
    expect((await failure(merchants.setSigningCertificate('mch_nope', cert.pem)))?.code).to.equal('not_found');
  });
});

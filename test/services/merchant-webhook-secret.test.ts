import { expect } from 'chai';
import { AppError } from '../../src/domain/app-error';
import { createSecretBox } from '../../src/notify/secret-box';
import { createWebhookSecrets } from '../../src/notify/webhook-secrets';
import { createMerchantService } from '../../src/services/merchant-service';
import { createTestDeps, dumpAllTables, type TestDeps } from '../helpers/test-db';

describe('services/merchant-service webhook secret', () => {
  let deps: TestDeps;
  const box = createSecretBox({ current: Buffer.alloc(32, 3) });
  beforeEach(async () => {
    deps = await createTestDeps();
  });
  afterEach(() => deps.db.destroy());

  it('when a merchant is created, then its webhook secret is returned once and stored only encrypted', async () => {
    const merchants = createMerchantService({ ...deps, secretBox: box });
    const created = await merchants.createMerchant('Acme');

    expect(created.webhookSecret).to.match(/^whsec_[A-Za-z0-9_-]{43}$/);
    const dump = JSON.stringify(await dumpAllTables(deps.db));
    expect(dump).not.to.include(created.webhookSecret);
    expect(dump).not.to.include(created.webhookSecret.slice(6));
    const row = await deps.db('merchants').where({ id: created.id }).first();
    expect(row?.webhook_secret).to.match(/^v1\./);
    expect(await createWebhookSecrets({ ...deps, box }).signingSecrets(created.id)).to.deep.equal([created.webhookSecret]);
    expect(JSON.stringify(await merchants.listMerchants())).not.to.include('whsec_');
  });

  it('when the sealed secret is copied to another merchant, then it does not open there', async () => {
    const merchants = createMerchantService({ ...deps, secretBox: box });
    const a = await merchants.createMerchant('A');
    const b = await merchants.createMerchant('B');
    const sealedA = (await deps.db('merchants').where({ id: a.id }).first())?.webhook_secret;
    await deps.db('merchants').where({ id: b.id }).update({ webhook_secret: sealedA });

    const error = await createWebhookSecrets({ ...deps, box })
      .signingSecrets(b.id)
      .catch((err: unknown) => err);
    expect(error).to.be.instanceOf(AppError);
  });

  it('when the secret is rotated twice, then only the newest and the one before it sign', async () => {
    const merchants = createMerchantService({ ...deps, secretBox: box });
    const { id, webhookSecret: first } = await merchants.createMerchant('Acme');
    const { webhookSecret: second } = await merchants.rotateWebhookSecret(id);
    const { webhookSecret: third } = await merchants.rotateWebhookSecret(id);

    expect(new Set([first, second, third]).size).to.equal(3);
    expect(await createWebhookSecrets({ ...deps, box }).signingSecrets(id)).to.deep.equal([third, second]);
    const error = await merchants.rotateWebhookSecret('mch_nope').catch((err: unknown) => err);
    expect((error as AppError).code).to.equal('not_found');
  });

  it('when a merchant from before notifications has no secret, then rotating gives it one with no previous', async () => {
    const merchants = createMerchantService({ ...deps, secretBox: box });
    const { id } = await merchants.createMerchant('Old');
    await deps.db('merchants').where({ id }).update({ webhook_secret: null });
    expect(await createWebhookSecrets({ ...deps, box }).signingSecrets(id)).to.deep.equal([]);

    const { webhookSecret } = await merchants.rotateWebhookSecret(id);
    expect(await createWebhookSecrets({ ...deps, box }).signingSecrets(id)).to.deep.equal([webhookSecret]);
  });
});

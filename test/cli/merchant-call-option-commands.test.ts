import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { type AdminDeps, runAdmin } from '../../src/cli/run-admin';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantCallOptions } from '../../src/services/merchant-call-options';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';
import { wav } from '../sounds/wav-builder';

describe('cli/merchant-call-option-commands (set-confirm-card, set-greeting, remove-greeting)', function () {
  this.timeout(20_000);
  let deps: TestDeps;
  let admin: AdminDeps;
  let dir: string;
  let greetingsDir: string;
  let merchantId: string;
  const run = (...argv: string[]) => runAdmin(argv, admin);
  const upload = (name: string, bytes: Buffer) => {
    fs.writeFileSync(path.join(dir, name), bytes);
    return path.join(dir, name);
  };
  const languages = async () => (await deps.store.merchants.find(merchantId))?.greeting_languages;

  beforeEach(async () => {
    deps = await createTestDeps();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-greeting-'));
    greetingsDir = path.join(dir, 'data', 'greetings');
    admin = {
      merchants: createMerchantService(deps),
      merchantCallOptions: createMerchantCallOptions({ ...deps, greetingsDir }),
      orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(deps),
    };
    merchantId = (await admin.merchants.createMerchant('Acme')).id;
  });
  afterEach(async () => {
    await deps.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('when a good WAV is set as the greeting, then a copy is kept in the greetings folder and the merchant records it', async () => {
    const recording = wav({ seconds: 2 });
    const result = await run('merchant', 'set-greeting', merchantId, upload('acme.wav', recording), '--lang', 'en');

    expect(result.exitCode, result.stderr).to.equal(0);
    expect(JSON.parse(result.stdout)).to.deep.equal({ id: merchantId, greetingLanguages: ['en'] });
    expect(fs.readFileSync(path.join(greetingsDir, merchantId, 'en.wav')).equals(recording)).to.equal(true);
    expect(fs.readdirSync(path.join(greetingsDir, merchantId))).to.deep.equal(['en.wav']);

    await run('merchant', 'set-greeting', merchantId, upload('acme-zh.wav', wav()));
    expect(await languages()).to.equal('en,zh');
    const shown = JSON.parse((await run('merchant', 'show', merchantId)).stdout) as { greetingLanguages: string[] };
    expect(shown.greetingLanguages).to.have.members(['en', 'zh']);
  });

  for (const [what, bytes, problem] of [
    ['stereo', wav({ channels: 2 }), /2 channels, not mono/],
    ['44.1 kHz', wav({ sampleRate: 44_100 }), /44100 Hz, not 8000/],
    ['too long', wav({ seconds: 31 }), /lasts 31\.0 s, more than 30 s/],
    ['not a WAV', Buffer.from('ID3 an mp3'), /not a WAV file/],
  ] as const) {
    it(`when the file is ${what}, then it is refused with its name and reason (exit 2), and nothing changes`, async () => {
      const file = upload('bad.wav', bytes);
      const result = await run('merchant', 'set-greeting', merchantId, file);

      expect(result.exitCode).to.equal(2);
      expect(result.stderr).to.include(file);
      expect(result.stderr).to.match(problem);
      expect(fs.existsSync(greetingsDir)).to.equal(false);
      expect(await languages()).to.equal(null);
    });
  }

  it('when the file cannot be read, the language is unknown or the merchant does not exist, then it is refused', async () => {
    const missing = await run('merchant', 'set-greeting', merchantId, path.join(dir, 'nowhere.wav'));
    expect(missing.exitCode).to.equal(2);
    expect(missing.stderr).to.include('cannot read');

    const french = await run('merchant', 'set-greeting', merchantId, upload('a.wav', wav()), '--lang', 'fr');
    expect(french.exitCode).to.equal(2);
    expect(french.stderr).to.include('--lang must be zh or en');

    const stranger = await run('merchant', 'set-greeting', 'mch_nope', upload('b.wav', wav()));
    expect(stranger.exitCode).to.equal(1);
    expect(stranger.stderr).to.include('merchant mch_nope not found');
    expect(fs.existsSync(greetingsDir)).to.equal(false);
  });

  it('when a greeting is removed in one language, then the other stays; without --lang, every one goes', async () => {
    await run('merchant', 'set-greeting', merchantId, upload('zh.wav', wav()), '--lang', 'zh');
    await run('merchant', 'set-greeting', merchantId, upload('en.wav', wav()), '--lang', 'en');

    const one = await run('merchant', 'remove-greeting', merchantId, '--lang', 'en');
    expect(JSON.parse(one.stdout)).to.deep.equal({ id: merchantId, greetingLanguages: ['zh'] });
    expect(fs.readdirSync(path.join(greetingsDir, merchantId))).to.deep.equal(['zh.wav']);

    const all = await run('merchant', 'remove-greeting', merchantId);
    expect(all.exitCode, all.stderr).to.equal(0);
    expect(JSON.parse(all.stdout)).to.deep.equal({ id: merchantId, greetingLanguages: [] });
    expect(fs.readdirSync(path.join(greetingsDir, merchantId))).to.deep.equal([]);
    expect(await languages()).to.equal(null);
  });

  it('when card confirmation is turned on and off, then the merchant row follows; another value is refused', async () => {
    const on = await run('merchant', 'set-confirm-card', merchantId, 'on');
    expect(JSON.parse(on.stdout)).to.deep.equal({ id: merchantId, confirmCard: true });
    expect(Boolean((await deps.store.merchants.find(merchantId))?.confirm_card)).to.equal(true);

    const shown = JSON.parse((await run('merchant', 'show', merchantId)).stdout) as { confirmCard: boolean };
    expect(shown.confirmCard).to.equal(true);

    await run('merchant', 'set-confirm-card', merchantId, 'off');
    expect(Boolean((await deps.store.merchants.find(merchantId))?.confirm_card)).to.equal(false);

    const bad = await run('merchant', 'set-confirm-card', merchantId, 'yes');
    expect(bad.exitCode).to.equal(2);
    expect(bad.stderr).to.include('expected on or off');
    const stranger = await run('merchant', 'set-confirm-card', 'mch_nope', 'on');
    expect(stranger.exitCode).to.equal(1);
  });
});

import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { loadOrCreateSecretsKey, parseSecretsKey, resolveSecretsKeys } from '../../src/config/secrets-key';
import { testOutputFile } from '../helpers/test-output';

const hexKey = 'ab'.repeat(32);
const base64Key = Buffer.alloc(32, 9).toString('base64');

describe('config/secrets-key', () => {
  it('when a key is given as 64 hex digits or base64 of 32 bytes, then it parses; otherwise not', () => {
    expect(parseSecretsKey(hexKey)).to.deep.equal(Buffer.alloc(32, 0xab));
    expect(parseSecretsKey(base64Key)).to.deep.equal(Buffer.alloc(32, 9));
    expect(parseSecretsKey(Buffer.alloc(32, 9).toString('base64url'))).to.deep.equal(Buffer.alloc(32, 9));
    for (const bad of ['', 'ab'.repeat(31), Buffer.alloc(16).toString('base64'), 'not a key!']) {
      expect(parseSecretsKey(bad), bad).to.equal(undefined);
    }
  });

  it('when SECRETS_KEY and previous keys are set, then the config carries them; a bad one is listed without its value', () => {
    const config = loadConfig({ SECRETS_KEY: hexKey, SECRETS_PREVIOUS_KEYS: `${base64Key}, ` });
    expect(config.secrets.key).to.deep.equal(Buffer.alloc(32, 0xab));
    expect(config.secrets.previousKeys).to.deep.equal([Buffer.alloc(32, 9)]);
    expect(loadConfig({}).secrets).to.deep.equal({ key: undefined, previousKeys: [] });

    let error: unknown;
    try {
      loadConfig({ SECRETS_KEY: 'short-secret-value', SECRETS_PREVIOUS_KEYS: 'also-bad' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    expect((error as ConfigError).problems.map((p) => p.split(':')[0])).to.have.members(['SECRETS_KEY', 'SECRETS_PREVIOUS_KEYS']);
    expect((error as ConfigError).message).not.to.include('short-secret-value');
  });

  it('when SECRETS_KEY is unset, then a key is generated once into the data folder (owner-only) and reused', () => {
    const dataDir = path.dirname(testOutputFile('secrets-key-test/x'));
    fs.rmSync(dataDir, { recursive: true, force: true });

    const generated = resolveSecretsKeys({ dataDir, secrets: { previousKeys: [] } });
    expect(generated.generated).to.equal(true);
    expect(generated.current).to.have.length(32);
    const file = path.join(dataDir, 'secrets-key.json');
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    expect(loadOrCreateSecretsKey(dataDir)).to.deep.equal(generated.current);

    const configured = resolveSecretsKeys({ dataDir, secrets: { key: Buffer.alloc(32, 1), previousKeys: [] } });
    expect(configured).to.deep.equal({ current: Buffer.alloc(32, 1), previous: [], generated: false });
  });
});

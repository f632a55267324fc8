import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';

describe('config/sandbox-secrets', () => {
  let dataDir: string;
  let file: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-secrets-'));
    file = path.join(dataDir, 'sandbox-secrets.json');
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('when no file exists, then three different passwords are generated into a file only its owner reads', () => {
    const secrets = loadOrCreateSandboxSecrets(dataDir);
    expect(new Set([secrets.ariPassword, secrets.sipPassword, secrets.postgresPassword]).size).to.equal(3);
    expect(secrets.postgresPassword).to.match(/^[A-Za-z0-9_-]{24}$/);
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).to.deep.equal(secrets);
  });

  it('when loaded again, then the same passwords come back', () => {
    expect(loadOrCreateSandboxSecrets(dataDir)).to.deep.equal(loadOrCreateSandboxSecrets(dataDir));
  });

  it('when a file from before the PostgreSQL password is loaded, then its passwords stay and that one is added, privately', () => {
    fs.writeFileSync(file, JSON.stringify({ ariPassword: 'ari-old', sipPassword: 'sip-old' }), { mode: 0o600 });
    const secrets = loadOrCreateSandboxSecrets(dataDir);
    expect(secrets).to.include({ ariPassword: 'ari-old', sipPassword: 'sip-old' });
    expect(secrets.postgresPassword).to.match(/^[A-Za-z0-9_-]{24}$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).to.deep.equal(secrets);
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    expect(fs.readdirSync(dataDir)).to.deep.equal(['sandbox-secrets.json']);
  });
});

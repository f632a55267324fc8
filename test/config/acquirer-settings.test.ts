import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config: acquirer settings', () => {
  it('when nothing is set, then the sandbox acquirer on port 3001 with the test merchant, RSA-OAEP and RSA PINs', () => {
    const { acquirer } = loadConfig({ HOME: '/home/x' });
    expect(acquirer).to.deep.include({
      kind: 'sandbox',
      timeoutMs: 30_000,
      merchantId: '777290058110097',
      encryptionPadding: 'oaep',
      pinMode: 'rsa',
      smsCode: 'off',
      sandboxPort: 3001,
      notifyUrl: 'http://127.0.0.1:3000/acquirer/notify',
    });
    expect(acquirer.files).to.equal(undefined);
  });

  it('when ACQUIRER=acp comes without its endpoint and certificates, then every missing setting is listed with the other bad values', () => {
    const problems = problemsOf({ ACQUIRER: 'acp', ACQUIRER_MERCHANT_ID: '123', ACQUIRER_PIN_MODE: 'des' }).map(
      (p) => p.split(':')[0],
    );
    expect(problems).to.have.members([
      'ACQUIRER_MERCHANT_ID',
      'ACQUIRER_PIN_MODE',
      'ACQUIRER_URL',
      'ACQUIRER_NOTIFY_URL',
      'ACQUIRER_SIGN_KEY_FILE',
      'ACQUIRER_SIGN_CERT_FILE',
      'ACQUIRER_ENCRYPT_CERT_FILE',
      'ACQUIRER_ROOT_CERT_FILE',
      'ACQUIRER_MIDDLE_CERT_FILE',
    ]);
  });

  it('when ACQUIRER=acp names files that do not exist, then each is reported', () => {
    const problems = problemsOf({
      ACQUIRER: 'acp',
      ACQUIRER_URL: 'https://gateway.test.95516.com',
      ACQUIRER_NOTIFY_URL: 'https://shop.example/acquirer/notify',
      ACQUIRER_SIGN_KEY_FILE: '/nonexistent/k.pem',
      ACQUIRER_SIGN_CERT_FILE: '/nonexistent/s.pem',
      ACQUIRER_ENCRYPT_CERT_FILE: '/nonexistent/e.pem',
      ACQUIRER_ROOT_CERT_FILE: '/nonexistent/r.pem',
      ACQUIRER_MIDDLE_CERT_FILE: '/nonexistent/m.pem',
    });
    expect(problems).to.have.length(5);
    expect(problems.every((p) => p.includes('no such file'))).to.equal(true);
  });

  it("when ACQUIRER=acp is complete, then the settings carry the files, PKCS#1 padding and UnionPay's name by default", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'acq-'));
    const file = (name: string) => {
      fs.writeFileSync(path.join(dir, name), '');
      return path.join(dir, name);
    };
    const { acquirer } = loadConfig({
      ACQUIRER: 'acp',
      ACQUIRER_URL: 'https://gateway.test.95516.com/',
      ACQUIRER_NOTIFY_URL: 'https://shop.example/acquirer/notify',
      ACQUIRER_MERCHANT_ID: '898000000000001',
      ACQUIRER_SIGN_KEY_FILE: file('k.pem'),
      ACQUIRER_SIGN_CERT_FILE: file('s.pem'),
      ACQUIRER_ENCRYPT_CERT_FILE: file('e.pem'),
      ACQUIRER_ROOT_CERT_FILE: file('r.pem'),
      ACQUIRER_MIDDLE_CERT_FILE: file('m.pem'),
    });
    expect(acquirer).to.deep.include({
      kind: 'acp',
      url: 'https://gateway.test.95516.com',
      merchantId: '898000000000001',
      encryptionPadding: 'pkcs1',
      certOrganisation: '中国银联股份有限公司',
    });
    expect(acquirer.files?.middleCert).to.equal(path.join(dir, 'm.pem'));
    fs.rmSync(dir, { recursive: true });
  });

  it('when the sandbox is asked for PKCS#1 padding, then that is refused (it can only decrypt OAEP)', () => {
    expect(problemsOf({ ACQUIRER_ENCRYPTION_PADDING: 'pkcs1' }).map((p) => p.split(':')[0])).to.deep.equal([
      'ACQUIRER_ENCRYPTION_PADDING',
    ]);
  });
});

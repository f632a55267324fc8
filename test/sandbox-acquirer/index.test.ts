import { X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import pino from 'pino';
import { connectSandboxAcquirer, sandboxAcquirerDir } from '../../sandbox-acquirer';
import { testOutputFile } from '../helpers/test-output';

describe('sandbox-acquirer (its PKI in DATA_DIR)', () => {
  it("when the service's clock runs ahead of the machine's, then the PKI is valid from the machine's time, for the other processes", async function () {
    this.timeout(30_000);
    const dataDir = testOutputFile('sandbox-pki-clock');
    fs.rmSync(dataDir, { recursive: true, force: true });
    const ahead = new Date(Date.now() + 5 * 3_600_000);
    await connectSandboxAcquirer({
      port: 1,
      slowAnswerMs: 0,
      smsCodeForAll: false,
      dataDir,
      now: () => ahead,
      log: pino({ level: 'silent' }),
    });
    const pem = fs.readFileSync(path.join(sandboxAcquirerDir(dataDir), 'pki', 'merchant-signing.crt.pem'), 'utf8');
    expect(Date.parse(new X509Certificate(pem).validFrom)).to.be.below(Date.now());
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { PaymentRequest } from '../../src/acquirer/acquirer-port';
import { formatTxnTime } from '../../src/acquirer/acp/txn-time';
import type { SandboxStart } from '../../src/acquirer/sandbox-port';
import { queryUntilSettled } from '../../src/acquirer/query-until-settled';
import { startAcquirer, type RunningAcquirer } from '../../src/acquirer/start-acquirer';
import type { AcquirerSettings } from '../../src/config/acquirer-settings';
import { SANDBOX_ACQUIRER_ORG, testPkiFiles } from '../../src/crypto/test-pki';
import { sandboxAcquirerDir, startSandboxAcquirer, type RunningSandboxAcquirer } from '../../sandbox-acquirer';
import { testOutputFile } from '../helpers/test-output';
import { memoryLog, startReceiver, TRAFFIC_LOG } from './acp-harness';
import { DEBIT } from '../helpers/test-cards';

const SETTINGS: AcquirerSettings = {
  kind: 'sandbox',
  timeoutMs: 2000,
  merchantId: '777290058110097',
  certOrganisation: '中国银联股份有限公司',
  encryptionPadding: 'oaep',
  pinMode: 'rsa',
  smsCode: 'off',
  notifyUrl: 'http://127.0.0.1:9/unused',
  cutOff: '23:00',
  sandboxPort: 0,
};

function debitRequest(n: number): PaymentRequest {
  return {
    orderId: 'ord_1',
    attemptId: `att_${String(n).padStart(20, '0')}-1`,
    amount: 4599,
    currency: 'CNY',
    txnTime: formatTxnTime(new Date()),
    card: { pan: DEBIT, kind: 'debit', pin: '123456' },
    holder: {},
  };
}

describe('startAcquirer', function () {
  this.timeout(30000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-acquirer-'));
  const deps = {
    dataDir,
    now: () => new Date(),
    log: memoryLog().log,
    startSandbox: (start: SandboxStart) =>
      startSandboxAcquirer(start, { trafficLogFile: testOutputFile(TRAFFIC_LOG), notifyDelaysMs: [0] }),
  };
  let sandbox: RunningAcquirer<RunningSandboxAcquirer>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    receiver = await startReceiver();
    sandbox = await startAcquirer(SETTINGS, { ...deps, notifyUrl: receiver.url });
  });
  after(async () => {
    await sandbox.stop();
    await receiver.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when ACQUIRER=sandbox, then the sandbox server runs with a PKI made in DATA_DIR/sandbox-acquirer/pki, pays over ACP and notifies verifiably', async () => {
    expect(fs.existsSync(testPkiFiles(path.join(sandboxAcquirerDir(dataDir), 'pki'), 'root').cert)).to.equal(true);
    const req = debitRequest(1);
    expect(await sandbox.acquirer.pay(req)).to.include({ outcome: 'pending', responseCode: '00' });
    expect(await queryUntilSettled(sandbox.acquirer, req, { delaysMs: [0] })).to.include({ outcome: 'approved' });
    await sandbox.sandbox?.notificationsIdle();
    const verdict = sandbox.acquirer.parseNotification(receiver.bodies[0]);
    expect(verdict).to.deep.include({ ok: true });
  });

  it('when ACQUIRER=acp is pointed at that sandbox with its certificate files, then payments work by configuration alone', async () => {
    const pkiDir = path.join(sandboxAcquirerDir(dataDir), 'pki');
    const acp = await startAcquirer(
      {
        ...SETTINGS,
        kind: 'acp',
        url: sandbox.sandbox?.url,
        certOrganisation: SANDBOX_ACQUIRER_ORG,
        files: {
          signKey: testPkiFiles(pkiDir, 'merchantSigning').key,
          signCert: testPkiFiles(pkiDir, 'merchantSigning').cert,
          encryptCert: testPkiFiles(pkiDir, 'acquirerEncryption').cert,
          rootCert: testPkiFiles(pkiDir, 'root').cert,
          middleCert: testPkiFiles(pkiDir, 'middle').cert,
        },
      },
      { ...deps, notifyUrl: receiver.url },
    );
    try {
      expect(acp.sandbox).to.equal(undefined);
      const req = debitRequest(2);
      expect(await acp.acquirer.pay(req)).to.include({ outcome: 'pending', responseCode: '00' });
      expect(await acp.acquirer.query(req)).to.include({ outcome: 'approved' });
    } finally {
      await acp.stop();
    }
  });
});

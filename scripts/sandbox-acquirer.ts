/**
 * `npm run sandbox-acquirer`: runs the bundled sandbox acquirer alone (the ACP 5.1.0 back-end
 * endpoints on 127.0.0.1:SANDBOX_ACQUIRER_PORT), and prints the settings that point an `acp`
 * adapter at it. `npm start` with ACQUIRER=sandbox starts its own, so use one or the other.
 */
import path from 'node:path';
import { sandboxAcquirerDir, startSandboxAcquirer } from '../sandbox-acquirer';
import { loadConfigOrExit } from '../src/config/load-config-or-exit';
import { SANDBOX_ACQUIRER_ORG, testPkiFiles } from '../src/crypto/test-pki';
import { errorMessage } from '../src/lib/error-message';
import { createLogger } from '../src/log/logger';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.log);
  const dir = sandboxAcquirerDir(config.dataDir);
  const pkiDir = path.join(dir, 'pki');
  const server = await startSandboxAcquirer({
    port: config.acquirer.sandboxPort,
    slowAnswerMs: config.acquirer.timeoutMs + 2000,
    smsCodeForAll: config.acquirer.smsCode === 'required',
    dataDir: config.dataDir,
    now: () => new Date(),
    log,
  });
  const file = (part: Parameters<typeof testPkiFiles>[1], kind: 'cert' | 'key') => testPkiFiles(pkiDir, part)[kind];
  process.stderr.write(
    [
      '',
      `sandbox acquirer at ${server.url} (${server.endpoints.backTrans}, ${server.endpoints.query})`,
      `traffic log ${path.join(dir, 'traffic.log')}; stats ${server.url}/sandbox/stats;`,
      `reconciliation file ${server.url}/sandbox/reconciliation/<YYYYMMDD>`,
      '',
      'To pay through it from another ivrpay (npm start), set:',
      '  ACQUIRER=acp',
      `  ACQUIRER_URL=${server.url}`,
      `  ACQUIRER_SIGN_KEY_FILE=${file('merchantSigning', 'key')}`,
      `  ACQUIRER_SIGN_CERT_FILE=${file('merchantSigning', 'cert')}`,
      `  ACQUIRER_ENCRYPT_CERT_FILE=${file('acquirerEncryption', 'cert')}`,
      `  ACQUIRER_ROOT_CERT_FILE=${file('root', 'cert')}`,
      `  ACQUIRER_MIDDLE_CERT_FILE=${file('middle', 'cert')}`,
      `  ACQUIRER_CERT_ORGANISATION='${SANDBOX_ACQUIRER_ORG}'`,
      '  ACQUIRER_ENCRYPTION_PADDING=oaep',
      `  ACQUIRER_NOTIFY_URL=${config.acquirer.notifyUrl}`,
      '',
    ].join('\n'),
  );
  const stop = () => {
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox acquirer could not start: ${errorMessage(err)}\n`);
  process.exit(1);
});

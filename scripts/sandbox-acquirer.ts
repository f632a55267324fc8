/**
 * `npm run sandbox-acquirer`: runs the bundled sandbox acquirer alone (the ACP 5.1.0 back-end
 * endpoints on 127.0.0.1:SANDBOX_ACQUIRER_PORT), and prints the settings that point an `acp`
 * adapter at it. `npm start` with ACQUIRER=sandbox starts its own, so use one or the other.
 */
import path from 'node:path';
import { sandboxAcquirerDir, startSandboxAcquirer } from '../sandbox-acquirer';
import { loadConfigOrExit } from '../src/config/load-config-or-exit';
import { acpSettings } from '../sandbox-acquirer/acp-settings';
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
  // Quoted for a shell: the certificate organisation has spaces.
  const settings = Object.entries(acpSettings(server.url, pkiDir, config.acquirer.notifyUrl)).map(
    ([name, value]) => `  ${name}=${/\s/.test(value) ? `'${value}'` : value}`,
  );
  process.stderr.write(
    [
      '',
      `sandbox acquirer at ${server.url} (${server.endpoints.backTrans}, ${server.endpoints.query})`,
      `traffic log ${path.join(dir, 'traffic.log')}; stats ${server.url}/sandbox/stats;`,
      `reconciliation file ${server.url}/sandbox/reconciliation/<YYYYMMDD>`,
      '',
      'To pay through it from another ivrpay (npm start), set:',
      ...settings,
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

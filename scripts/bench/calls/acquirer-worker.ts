/**
 * The sandbox acquirer for bench:calls, in a process of its own: what it spends deciding, signing
 * and decrypting is the acquirer's, not ours, so it stays out of the service's CPU figure. The
 * service reaches it as a real acquirer (ACQUIRER=acp over HTTP, with the sandbox's certificates).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sandboxAcquirerDir } from '../../../sandbox-acquirer';
import { startSandboxServer } from '../../../sandbox-acquirer/sandbox-server/sandbox-server';
import { loadConfig } from '../../../src/config/config';
import { acpSettings } from '../../../sandbox-acquirer/acp-settings';
import { loadOrCreateTestPki } from '../../../src/crypto/test-pki';
import { createLogger } from '../../../src/log/logger';
import { announceFailure, announceReady, serveRequests } from '../lib/worker-rpc';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const pkiDir = path.join(sandboxAcquirerDir(config.dataDir), 'pki');
  const pki = await loadOrCreateTestPki(pkiDir, new Date());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-bench-acquirer-'));
  const server = await startSandboxServer({
    port: 0,
    pki,
    slowAnswerMs: config.acquirer.timeoutMs + 2000,
    trafficLogFile: path.join(dir, 'traffic.log'),
    ledgerFile: path.join(dir, 'ledger.json'),
    log: createLogger({ level: 'warn' }),
  });
  const stop = async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  serveRequests({
    stop: async () => {
      await stop();
      setImmediate(() => process.exit(0));
    },
  });
  process.on('disconnect', () => void stop().finally(() => process.exit(0)));
  /** The settings that point the service's ACP adapter at this sandbox. */
  // With HTTP_PORT=0 the service replaces the notify port with the one it got (src/service.ts notifyUrlFor).
  const env = acpSettings(server.url, pkiDir, 'http://127.0.0.1:0/acquirer/notify');
  announceReady({ pid: process.pid, env });
}

main().catch((err: unknown) => {
  announceFailure(err);
  process.exit(1);
});

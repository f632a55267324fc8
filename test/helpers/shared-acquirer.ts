import path from 'node:path';
import { sandboxAcquirerDir, startSandboxAcquirer, type RunningSandboxAcquirer, type SandboxKnobs } from '../../sandbox-acquirer';
import { loadConfig } from '../../src/config/config';
import { acpSettings } from '../../sandbox-acquirer/acp-settings';
import { createLogger } from '../../src/log/logger';
import { e2eEnv, e2eSandboxAcquirer } from './e2e-service';
import { testOutputFile } from './test-output';

export interface SharedAcquirer {
  /** The one sandbox acquirer server: its counts (stats()) outlive any node. */
  server: RunningSandboxAcquirer;
  /** What points a node's ACP adapter at it (ACQUIRER=acp), as `npm run sandbox-acquirer` prints it. */
  env: Record<string, string>;
}

/**
 * One sandbox acquirer server in the test's own process, for several nodes (test/cluster) to pay through as a real
 * acquirer: a consume one node sent is found by another node's query, and a node killed takes nothing of it with it.
 * Its traffic log, ledger and log go under test-output as `name`'s (the card-data scan reads them); its PKI is the
 * one the nodes' own sandboxes use (DATA_DIR/sandbox-acquirer/pki). `knobs` hold answers or notifications back.
 */
export async function startSharedAcquirer(name: string, knobs: SandboxKnobs = {}): Promise<SharedAcquirer> {
  const config = loadConfig({ ...process.env, ...e2eEnv(name) });
  const log = createLogger({
    level: 'debug',
    file: testOutputFile(`${name}-acquirer.log`),
    destination: { write: () => undefined },
  });
  const server = await startSandboxAcquirer(
    {
      port: 0,
      slowAnswerMs: config.acquirer.timeoutMs + 2000,
      smsCodeForAll: false,
      dataDir: config.dataDir,
      now: () => new Date(),
      log,
    },
    { ...e2eSandboxAcquirer(name), ...knobs },
  );
  const pki = path.join(sandboxAcquirerDir(config.dataDir), 'pki');
  const env = {
    // Each node's own endpoint: with HTTP_PORT=0 (e2eEnv) a node puts the port it got in place of 0 (src/service.ts).
    ...acpSettings(server.url, pki, 'http://127.0.0.1:0/acquirer/notify'),
    // Off by default with a real acquirer; the simulated cardholder reads which field is asked from it.
    ARI_FIELD_VARIABLE: 'on',
  };
  return { server, env };
}

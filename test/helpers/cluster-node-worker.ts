/**
 * One ivrpay node of the cluster tests (test/cluster), in a process of its own so that a test can kill it for real
 * (SIGKILL): the whole service as startE2e runs it, on the store, NODE_ID and Stasis app the test puts in its
 * environment. argv[2] names its log and acquirer files.
 */
import { announceFailure, announceReady, serveRequests } from '../../scripts/bench/lib/worker-rpc';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/log/logger';
import { startService } from '../../src/service';
import { e2eEnv, e2eSandboxAcquirer } from './e2e-service';

async function main(): Promise<void> {
  const name = process.argv[2];
  // The test's settings (store, NODE_ID, ARI_APP) win over the e2e defaults.
  const config = loadConfig({ ...e2eEnv(name), ...process.env });
  const log = createLogger({ level: config.log.level, file: config.log.file, destination: { write: () => undefined } });
  const service = await startService(config, log, { sandboxAcquirer: e2eSandboxAcquirer(name) });
  serveRequests({
    merchant: async () => {
      const m = await service.merchants.createMerchant(`cluster ${name}`);
      return { apiKey: m.apiKey, id: m.id };
    },
    inboundCalls: () => service.stasis.activeCalls({ direction: 'inbound' }),
    outboundCalls: () => service.stasis.activeCalls({ direction: 'outbound' }),
    stop: async () => {
      await service.stop({ graceMs: 0 });
      setImmediate(() => process.exit(0));
    },
  });
  announceReady({ pid: process.pid, port: service.http.address.port });
}

// The test gone: nobody will stop this node, so it ends with it.
process.on('disconnect', () => process.exit(0));
main().catch(announceFailure);

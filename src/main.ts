import { ConfigError, type Config } from './config/config';
import { loadConfigOrExit } from './config/load-config-or-exit';
import { errorMessage } from './lib/error-message';
import { createLogger } from './log/logger';
import { startService } from './service';

function howToCall(config: Config): string {
  const api = `http://${config.http.host}:${config.http.port}`;
  return [
    '',
    `ivrpay is running: merchant API ${api}, Stasis app '${config.ari.app}' on ${config.ari.url}`,
    '',
    'Place a demo call (creates a merchant and an order, pays it with a sandbox card):',
    '  npm run demo',
    '',
    `Or call from a softphone: SIP account 1001 at 127.0.0.1:${config.asterisk.sipPort}, password "sipPassword" in`,
    `  ${config.dataDir}/sandbox-secrets.json; dial the 6-digit pay code of an order (or any number, then key it).`,
    '  Create one: npm run admin -- merchant create --name Shop   (prints an apiKey), then',
    `  curl -s ${api}/v1/orders -H "Authorization: Bearer <apiKey>" -H 'content-type: application/json' \\`,
    `    -d '{"merchantOrderId":"A1001","amount":12345,"currency":"CNY","mode":"inbound"}'`,
    '',
    `Operator console (calls, payments, lines, unresolved payments): ${api}/console`,
    '  Create a login (prints its password once): npm run admin -- operator create --name <your name>',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.log);
  const service = await startService(config, log);
  process.stderr.write(howToCall(config));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: no new calls, letting calls in progress end');
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'unclean stop');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`ivrpay could not start: ${errorMessage(err)}\n`);
  // A bad setting found while starting (an unplayable recorded prompt) exits as loadConfigOrExit does.
  process.exit(err instanceof ConfigError ? 2 : 1);
});

/**
 * Helper of scripts/postgres-sandbox, so the script and the app read one configuration.
 *   env    prints the sandbox settings as shell assignments (pg_*), for `eval`
 *   url    prints the sandbox's DATABASE_URL, password included, for TEST_DATABASE_URL (.ci/run); never logged
 */
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { maskDatabaseUrl, postgresSandboxUrl } from '../../src/config/postgres-sandbox';
import { loadOrCreateSandboxSecrets, SANDBOX_SECRETS_FILE } from '../../src/config/sandbox-secrets';
import { errorMessage } from '../../src/lib/error-message';
import { shellAssignments } from '../shell-assignments';

function main(command: string | undefined): void {
  if (command !== 'env' && command !== 'url') throw new Error('usage: sandbox-config.ts env|url');
  const config = loadConfig();
  const password = loadOrCreateSandboxSecrets(config.dataDir).postgresPassword;
  if (command === 'url') {
    process.stdout.write(`${postgresSandboxUrl(config.postgresSandbox.port, password)}\n`);
    return;
  }
  process.stdout.write(
    shellAssignments({
      pg_dir: path.join(config.dataDir, 'postgres'),
      pg_port: config.postgresSandbox.port,
      pg_password: password,
      pg_masked_url: maskDatabaseUrl(postgresSandboxUrl(config.postgresSandbox.port, password)),
      pg_secrets_file: path.join(config.dataDir, SANDBOX_SECRETS_FILE),
    }),
  );
}

try {
  main(process.argv[2]);
} catch (err) {
  process.stderr.write(`${errorMessage(err)}\n`);
  process.exit(2);
}

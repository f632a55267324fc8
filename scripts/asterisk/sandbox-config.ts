/**
 * Helper of scripts/asterisk-sandbox, so the script and the app read one configuration.
 *   env    prints the sandbox settings as shell assignments (sbx_*), for `eval`
 *   write  renders dialplan/ into DATA_DIR/asterisk/etc
 */
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { errorMessage } from '../../src/lib/error-message';
import { shellAssignments } from '../shell-assignments';
import { renderAsteriskConfig, sandboxValues, writeAsteriskConfig, type SandboxValues } from './asterisk-config';

const templateDir = path.resolve(__dirname, '..', '..', 'dialplan');

function sandboxVariables(v: SandboxValues): Record<string, string | number> {
  return {
    sbx_asterisk_dir: v.asteriskDir,
    sbx_cache_dir: v.cacheDir,
    // Colon-separated, as PATH: the script splits it.
    sbx_read_only_dirs: v.readOnlyDirs
      .map((dir) => {
        if (dir.includes(':')) throw new Error(`${dir}: a folder Asterisk reads cannot contain ':'`);
        return dir;
      })
      .join(':'),
    sbx_ari_port: v.ariPort,
    sbx_ari_user: v.ariUser,
    sbx_ari_password: v.ariPassword,
    sbx_ari_app: v.ariApp,
    sbx_sip_port: v.sipPort,
  };
}

function main(command: string | undefined): void {
  const config = loadConfig();
  const values = sandboxValues(config, loadOrCreateSandboxSecrets(config.dataDir));
  if (command === 'env') {
    process.stdout.write(shellAssignments(sandboxVariables(values)));
  } else if (command === 'write') {
    writeAsteriskConfig(values.asteriskDir, renderAsteriskConfig(templateDir, values));
  } else {
    throw new Error('usage: sandbox-config.ts env|write');
  }
}

try {
  main(process.argv[2]);
} catch (err) {
  process.stderr.write(`${errorMessage(err)}\n`);
  process.exit(2);
}

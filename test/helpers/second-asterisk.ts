import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = path.join(__dirname, '..', '..', 'scripts', 'asterisk-sandbox');

export interface SandboxAsterisk {
  /** Its ARI URL, for ARI_SERVERS. */
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A sandbox Asterisk of the test suite beside the default one, on the same chroot (scripts/asterisk-sandbox): its
 * own config and run folders under `dataDir`, its own ARI and SIP ports, the same ARI password as the first, so one
 * node's ARI_USER/ARI_PASSWORD opens both (as ARI_SERVERS expects).
 */
export function sandboxAsterisk(opts: {
  dataDir: string;
  ariPort: number;
  sipPort: number;
  ariPassword: string;
}): SandboxAsterisk {
  const url = `http://127.0.0.1:${opts.ariPort}`;
  const env = {
    ...process.env,
    DATA_DIR: opts.dataDir,
    ARI_URL: url,
    ARI_SERVERS: '',
    SIP_PORT: String(opts.sipPort),
    ARI_PASSWORD: opts.ariPassword,
  };
  const sandbox = (command: string) => run('bash', [script, command], { env, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 });
  return {
    url,
    start: async () => {
      await sandbox('start');
    },
    stop: async () => {
      await sandbox('stop');
    },
  };
}

/** The default sandbox Asterisk of the project (DATA_DIR's), e.g. to stop it in the middle of a test and start it again. */
export function defaultSandboxAsterisk(dataDir: string): Pick<SandboxAsterisk, 'start' | 'stop'> {
  const env = { ...process.env, DATA_DIR: dataDir };
  const sandbox = (command: string) => run('bash', [script, command], { env, maxBuffer: 16 * 1024 * 1024, timeout: 300_000 });
  return {
    start: async () => {
      await sandbox('start');
    },
    stop: async () => {
      await sandbox('stop');
    },
  };
}

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const script = path.resolve(__dirname, '..', '..', 'scripts', 'postgres-sandbox');
const run = promisify(execFile);

interface Failed {
  code: number;
  stdout: string;
  stderr: string;
}

async function failing(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Failed> {
  return run('bash', [script, ...args], { env: { ...process.env, ...env } }).then(
    () => expect.fail('should have failed'),
    (e: Failed) => e,
  );
}

describe('scripts/postgres-sandbox', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-pg-data-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('when given an unknown command, then it prints the usage and exits 2', async () => {
    const err = await failing(['bogus']);
    expect(err.code).to.equal(2);
    expect(err.stderr).to.equal('postgres-sandbox: usage: scripts/postgres-sandbox start|stop|status|install\n');
  });

  it('when nothing runs for this data folder, then status says stopped, gives the masked URL and exits 3', async () => {
    const err = await failing(['status'], { DATA_DIR: dataDir, POSTGRES_SANDBOX_PORT: '54999' });
    expect(err.code).to.equal(3);
    expect(err.stdout).to.include('stopped');
    expect(err.stdout).to.include('DATABASE_URL=postgres://ivrpay:***@127.0.0.1:54999/ivrpay');
    const { postgresPassword } = JSON.parse(fs.readFileSync(path.join(dataDir, 'sandbox-secrets.json'), 'utf8')) as {
      postgresPassword: string;
    };
    expect(err.stdout).not.to.include(postgresPassword);
    expect(fs.existsSync(path.join(dataDir, 'postgres')), 'status creates no cluster').to.equal(false);
  });

  it('when a setting is invalid, then it names the setting and exits 2', async () => {
    const err = await failing(['status'], { DATA_DIR: dataDir, POSTGRES_SANDBOX_PORT: '70000' });
    expect(err.code).to.equal(2);
    expect(err.stderr).to.include('POSTGRES_SANDBOX_PORT');
  });

  it('when nothing runs, then stop says so and succeeds', async () => {
    const { stdout } = await run('bash', [script, 'stop'], { env: { ...process.env, DATA_DIR: dataDir } });
    expect(stdout).to.equal('postgres-sandbox: not running\n');
  });
});

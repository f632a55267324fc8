import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** The real command line, as `npm run admin -- …` runs it. */
async function admin(env: NodeJS.ProcessEnv, ...args: string[]) {
  return run(tsx, [path.join(root, 'src', 'cli', 'admin.ts'), ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

describe('cli/admin (process)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-admin-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when a merchant is created, then the configured SQLite file keeps it for the next command', async () => {
    const env = { DATA_DIR: dir, SQLITE_FILE: '', LOG_FILE: '' };
    const created = await admin(env, 'merchant', 'create', '--name', 'Acme');
    expect(created.code, created.stderr).to.equal(0);
    const { id } = JSON.parse(created.stdout) as { id: string };

    const listed = await admin(env, 'merchant', 'list', '--json');
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((m) => m.id)).to.deep.equal([id]);
    expect(fs.existsSync(path.join(dir, 'ivrpay.sqlite'))).to.equal(true);
  });

  it('when the configuration is invalid, then the problem is printed and the exit code is 2', async () => {
    const result = await admin({ DATA_DIR: dir, SQLITE_FILE: '', HTTP_PORT: 'abc' }, 'bank', 'list');
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('HTTP_PORT');
  });
});

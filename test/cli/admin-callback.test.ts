import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

describe('cli/admin (process): callback commands are wired', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-admin-cb-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const admin = (...args: string[]) =>
    run(tsx, [path.join(root, 'src', 'cli', 'admin.ts'), ...args], {
      env: { ...process.env, DATA_DIR: dir, SQLITE_FILE: '', LOG_FILE: '', TRUNK_LINES: '12', CALLBACK_MAX_LINES: '4' },
    });

  it('when lines and callbacks are asked for before the service ever ran, then the configured limits show and the counts are stale', async () => {
    const lines = JSON.parse((await admin('lines', 'show', '--json')).stdout) as object;
    expect(lines).to.include({ inbound: 0, outbound: 0, maxOutbound: 4, reserved: 5, total: 12, freeOutbound: 4, stale: true });
    expect((await admin('callback', 'list')).stdout).to.equal('(none)\n');
    expect(JSON.parse((await admin('sms', 'list', '--json')).stdout)).to.deep.equal([]);
  });
});

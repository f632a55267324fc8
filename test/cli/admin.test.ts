import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { adminProcess } from '../helpers/admin-process';

const admin = adminProcess;

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

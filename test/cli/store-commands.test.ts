import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { adminProcess } from '../helpers/admin-process';
import { openPostgres } from '../../src/store/postgres-connection';
import { testPostgresUrl } from '../helpers/test-stores';

const admin = adminProcess;

/** The URL with `options=-csearch_path=<schema>`, so the copy lands in a schema of the test's own. */
function inSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-csearch_path=${schema}`);
  return u.toString();
}

describe('cli/store-commands (admin store copy, process)', function () {
  this.timeout(60_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-store-copy-'));
    env = { DATA_DIR: dir, SQLITE_FILE: '', LOG_FILE: '', DATABASE_URL: '' };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when --to is not a PostgreSQL URL, then it says so and exits 2, reading nothing', async () => {
    const result = await admin(env, 'store', 'copy', '--to', 'mysql://u:p@h/db');
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('--to must be postgres://user:password@host:port/database');
    expect(fs.existsSync(path.join(dir, 'ivrpay.sqlite'))).to.equal(false);
  });

  it('when DATABASE_URL already names PostgreSQL, then it refuses: there is no SQLite store to copy', async () => {
    const result = await admin(
      { ...env, DATABASE_URL: 'postgres://u:secret@h/db' },
      'store',
      'copy',
      '--to',
      'postgres://u:p@h/db',
    );
    expect(result.code).to.equal(2);
    expect(result.stderr).to.include('DATABASE_URL already names PostgreSQL');
    expect(result.stderr).to.not.include('secret');
  });

  (testPostgresUrl ? it : it.skip)(
    'copies a merchant made on SQLite into PostgreSQL and prints the counts, the password masked',
    async () => {
      const url = testPostgresUrl as string;
      const schema = `cli_${randomBytes(6).toString('hex')}`;
      const pg = await openPostgres(url, { poolMax: 1 });
      await pg.raw('create schema ??', [schema]);
      try {
        expect((await admin(env, 'merchant', 'create', '--name', 'Acme')).code).to.equal(0);
        const target = inSchema(url, schema);
        const result = await admin(env, 'store', 'copy', '--to', target);
        expect(result.code, result.stderr).to.equal(0);
        expect(result.stdout).to.match(/^merchants\s+1$/m);
        expect(result.stdout).to.include(`from ${path.join(dir, 'ivrpay.sqlite')} to postgres://ivrpay:***@`);
        expect(result.stdout).to.not.include(new URL(url).password);
        const names = await pg.withSchema(schema).from('merchants').pluck('name');
        expect(names).to.deep.equal(['Acme']);

        const again = await admin(env, 'store', 'copy', '--to', target);
        expect(again.code).to.equal(1);
        expect(again.stderr).to.include('the PostgreSQL store is not empty');
      } finally {
        await pg.raw('drop schema ?? cascade', [schema]);
        await pg.destroy();
      }
    },
  );
});

import { expect } from 'chai';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { postgresSandboxUrl } from '../../src/config/postgres-sandbox';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';

const script = path.resolve(__dirname, '..', '..', 'scripts', 'postgres-sandbox');
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a TCP connection to host:port is refused (true) or accepted (false). */
async function refused(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: 3000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      reject(new Error(`${host}:${port} neither accepted nor refused within 3 s`));
    });
    socket.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNREFUSED' ? resolve(true) : reject(err)));
  });
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function loginError(url: string): Promise<{ code?: string }> {
  return query(url, 'select 1').then(
    () => expect.fail('the login should have been refused'),
    (err: { code?: string }) => err,
  );
}

// A data folder and port of its own: a developer's sandbox in data/ is never touched.
describe('scripts/postgres-sandbox: a PostgreSQL cluster of its own on 127.0.0.1 @e2e', function () {
  this.timeout(120_000);
  let dataDir: string;
  let port: number;
  let url: string;
  let sandbox: (command: string) => Promise<Outcome>;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-pg-e2e-'));
    // mkdtemp makes it 0700: when run as root, the unprivileged server user must be able to enter it.
    fs.chmodSync(dataDir, 0o755);
    port = await freePort();
    const env = { ...process.env, DATA_DIR: dataDir, POSTGRES_SANDBOX_PORT: String(port) };
    sandbox = (command) =>
      run('bash', [script, command], { env }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (err: Outcome) => err,
      );
    const started = await sandbox('start');
    expect(started, started.stderr).to.include({ code: 0 });
    url = postgresSandboxUrl(port, loadOrCreateSandboxSecrets(dataDir).postgresPassword);
  });

  after(async () => {
    await sandbox('stop');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('when started again, then it says it is running, and shows the URL with the password masked', async () => {
    const again = await sandbox('start');
    expect(again.code).to.equal(0);
    expect(again.stdout).to.include('already running');
    expect(again.stdout).to.include(`DATABASE_URL=postgres://ivrpay:***@127.0.0.1:${port}/ivrpay`);
    expect(again.stdout).to.include(path.join(dataDir, 'sandbox-secrets.json'));
    expect(again.stdout).not.to.include(loadOrCreateSandboxSecrets(dataDir).postgresPassword);
  });

  it('when connected with the stored password, then ivrpay (no superuser) queries, creates, inserts and selects', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      expect((await client.query('select 1 as one')).rows).to.deep.equal([{ one: 1 }]);
      const who = await client.query<{ user: string; db: string; su: string }>(
        "select current_user as user, current_database() as db, current_setting('is_superuser') as su",
      );
      expect(who.rows).to.deep.equal([{ user: 'ivrpay', db: 'ivrpay', su: 'off' }]);
      await client.query('create temp table probe (id int primary key, name text not null)');
      await client.query('insert into probe values ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
      expect((await client.query('select id, name from probe order by id')).rows).to.deep.equal([
        { id: 1, name: 'one' },
        { id: 2, name: 'two' },
      ]);
    } finally {
      await client.end();
    }
  });

  it('when the password is wrong, then the login is refused with 28P01, for ivrpay and for the superuser', async () => {
    const [superuser] = await query<{ rolname: string }>(url, 'select rolname from pg_roles where rolsuper');
    for (const user of ['ivrpay', superuser?.rolname ?? expect.fail('no superuser')]) {
      const wrong = new URL(url);
      wrong.username = user;
      wrong.password = 'not-the-password';
      expect(await loginError(wrong.toString()), user).to.include({ code: '28P01' });
    }
  });

  it('when reached at any address but 127.0.0.1, then the connection is refused', async () => {
    expect(await query(url, 'show listen_addresses')).to.deep.equal([{ listen_addresses: '127.0.0.1' }]);
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a) => a !== undefined && !a.internal && a.family === 'IPv4')
      .map((a) => a?.address ?? '');
    for (const host of ['127.0.0.2', ...others]) expect(await refused(host, port), host).to.equal(true);
  });

  it('when run as root, then the cluster belongs to an unprivileged user and only it may open the folder', function () {
    const dir = fs.statSync(path.join(dataDir, 'postgres'));
    expect(dir.mode & 0o777).to.equal(0o700);
    expect(dir.uid).to.equal(fs.statSync(path.join(dataDir, 'postgres', 'cluster', 'PG_VERSION')).uid);
    if (process.getuid?.() !== 0) this.skip();
    expect(dir.uid).not.to.equal(0);
  });

  it('when stopped, then status exits 3, stop again says not running, and nothing answers on the port', async () => {
    expect((await sandbox('status')).code).to.equal(0);
    const stopped = await sandbox('stop');
    expect(stopped).to.include({ code: 0, stdout: 'postgres-sandbox: stopped\n' });
    const status = await sandbox('status');
    expect(status.code).to.equal(3);
    expect(status.stdout).to.include('stopped');
    expect((await sandbox('stop')).stdout).to.equal('postgres-sandbox: not running\n');
    expect(await refused('127.0.0.1', port)).to.equal(true);
  });
});

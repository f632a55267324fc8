import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { TEST_OUTPUT_DIR } from './helpers/test-output';

const ROOT = path.resolve(__dirname, '..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves with the first JSON log line `match` accepts; rejects if the process exits first. */
function logLine(child: ChildProcess, match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const text of lines) {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (match(line)) resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`the compiled service exited (${code}) before it listened:\n${stderr}`)));
  });
}

/**
 * `npm run build` then `node dist/src/main.js`, as ops/systemd/ivrpay.service runs it: the compiled module graph
 * loads (JSON imports, the project root found from dist/ for sounds/), and the service answers /healthz and /readyz
 * while it waits for Asterisk. @e2e: the whole compile took 25 to 95 s on a shared machine, too slow for the unit suite.
 */
describe('build: the compiled service @e2e', function () {
  this.timeout(120_000);
  // Inside the project, so the compiled files find node_modules; outside data/test-output, which the card-data
  // scan reads (the compiled tests hold test card numbers).
  const outDir = path.join(ROOT, 'data', `build-test-${process.pid}`);
  let child: ChildProcess | undefined;
  after(() => {
    child?.kill('SIGKILL');
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('when compiled with tsconfig.json and started, then it serves /healthz, and /readyz is 503 until ARI is connected', async () => {
    await promisify(execFile)(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json', '--outDir', outDir],
      {
        cwd: ROOT,
      },
    );
    const dataDir = path.join(TEST_OUTPUT_DIR, `build-test-data-${process.pid}`);
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      HTTP_PORT: '0',
      SANDBOX_ACQUIRER_PORT: '0',
      ASTERISK_SANDBOX: 'off',
      // Nothing listens there: the service waits for Asterisk, with its HTTP server up.
      ARI_URL: `http://127.0.0.1:${await freePort()}`,
      ARI_PASSWORD: 'not-a-real-password',
      LOG_LEVEL: 'info',
    };
    child = spawn(process.execPath, [path.join(outDir, 'src', 'main.js')], {
      cwd: outsideProject(),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const listening = await logLine(child, (line) => line.msg === 'HTTP server listening');
    const base = `http://127.0.0.1:${String(listening.port)}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).to.equal(200);
    expect(await health.json()).to.deep.include({ status: 'ok' });

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).to.equal(503);
    const report = (await ready.json()) as { status: string; checks: Record<string, { ok: boolean }> };
    expect(report.status).to.equal('not_ready');
    expect(report.checks.ari.ok).to.equal(false);
    expect(report.checks.store.ok).to.equal(true);
    expect(report.checks.migrations.ok).to.equal(true);
  });
});

/** Not the project: the compiled service must not depend on being started from it. */
function outsideProject(): string {
  const dir = path.join(TEST_OUTPUT_DIR, `build-test-cwd-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

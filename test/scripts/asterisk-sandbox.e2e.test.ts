import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadConfig } from '../../src/config/config';
import { ariReachable } from '../../src/sandbox/ensure-asterisk';
import { testOutputFile } from '../helpers/test-output';

const script = path.resolve(__dirname, '..', '..', 'scripts', 'asterisk-sandbox');
const run = promisify(execFile);
const password = randomBytes(12).toString('base64url');

interface Sandbox {
  env: Record<string, string>;
  url: string;
  asteriskDir: string;
}

/** A sandbox of this test's own (its DATA_DIR, ARI and SIP ports), beside the one the other e2e tests use. */
function sandbox(name: string, ariPort: number, sipPort: number): Sandbox {
  const dataDir = testOutputFile(`asterisk-sandbox-${name}`);
  const url = `http://127.0.0.1:${ariPort}`;
  return {
    env: { DATA_DIR: dataDir, ARI_URL: url, SIP_PORT: String(sipPort), ARI_PASSWORD: password },
    url,
    asteriskDir: path.join(dataDir, 'asterisk'),
  };
}

function sandboxScript(s: Sandbox, command: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return run('bash', [script, command], { env: { ...process.env, ...s.env }, timeout: 90_000 }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

/** The mount points of this machine (the fifth field of mountinfo; spaces come escaped, and these paths have none). */
function mountPoints(): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4]);
}

describe('two sandbox Asterisks at once (npm run cluster) @e2e', function () {
  this.timeout(120_000);
  const config = loadConfig();
  const chroot = path.join(config.asterisk.cacheDir, 'sid-root');
  const x = sandbox('x', 18091, 15091);
  const y = sandbox('y', 18092, 15092);

  after(async () => {
    await sandboxScript(x, 'stop');
    await sandboxScript(y, 'stop');
  });

  it('when two run on the one chroot, then each answers ARI on its own port, and stopping one leaves the other answering with its mounts', async () => {
    expect(await sandboxScript(x, 'start')).to.include({ code: 0 });
    expect(await sandboxScript(y, 'start')).to.include({ code: 0 });
    expect(await ariReachable(x.url, 'ivrpay', password)).to.equal(true);
    expect(await ariReachable(y.url, 'ivrpay', password)).to.equal(true);

    // A third on the SIP port of a running one is refused before it starts (Asterisk would run without SIP).
    const clash = await sandboxScript(sandbox('z', 18093, 15092), 'start');
    expect(clash.code).to.equal(1);
    expect(clash.stderr).to.include('UDP port 15092 (SIP) is already in use');

    expect(await sandboxScript(x, 'stop')).to.include({ code: 0 });
    expect(await ariReachable(x.url, 'ivrpay', password)).to.equal(false);
    expect(await ariReachable(y.url, 'ivrpay', password)).to.equal(true);
    expect(await sandboxScript(y, 'status')).to.include({ code: 0 });
    if (fs.existsSync(chroot)) {
      // The prompts both play stay mounted for the one still running; only the stopped one's own folder goes.
      const mounts = mountPoints();
      expect(mounts).to.include(chroot + y.asteriskDir);
      expect(mounts).to.include(chroot + config.soundsDir);
      expect(mounts).not.to.include(chroot + x.asteriskDir);
    }
  });
});

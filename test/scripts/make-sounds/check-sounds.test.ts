import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROMPT_IDS } from '../../../src/call/prompt-manifest';
import { wav } from '../../sounds/wav-builder';

const root = path.resolve(__dirname, '..', '..', '..');

/** `npm run make-sounds -- --check DIR`, as an operator runs it. */
function check(dir: string): { status: number | null; lines: string[] } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/make-sounds.ts', '--check', dir], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: run.status, lines: run.stdout.split('\n').filter(Boolean) };
}

describe('make-sounds --check', function () {
  this.timeout(30_000);
  let dir: string;
  const put = (file: string, bytes: Buffer) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), bytes);
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ivrpay-make-sounds-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when a file is refused, then each problem is one line naming the file, and the exit code is 1', () => {
    put('zh/welcome.wav', wav({ channels: 2 }));
    put('zh/goodbye.wav', wav());
    put('en/hello.wav', wav());

    const { status, lines } = check(dir);

    expect(status).to.equal(1);
    expect(lines.slice(0, 2)).to.deep.equal([
      `bad      ${dir}/zh/welcome.wav: 2 channels, not mono (need WAV, 8000 Hz, mono, 16-bit PCM, at most 30 s)`,
      `bad      ${dir}/en/hello.wav: not a prompt id of src/call/prompt-manifest.ts`,
    ]);
    expect(lines).to.include('missing  en/goodbye (the generated prompt plays)');
    expect(lines).to.not.include('missing  zh/goodbye (the generated prompt plays)');
    expect(lines.at(-1)).to.match(new RegExp(`^${dir}: 1 recorded, ${2 * PROMPT_IDS.length - 2} missing, 2 refused`));
  });

  it('when every file is good, then missing prompts are listed and the exit code is 0', () => {
    put('zh/welcome.wav', wav());

    const { status, lines } = check(dir);

    expect(status).to.equal(0);
    expect(lines.filter((line) => line.startsWith('missing  '))).to.have.length(2 * PROMPT_IDS.length - 1);
    expect(lines.at(-1)).to.equal(`${dir}: 1 recorded, ${2 * PROMPT_IDS.length - 1} missing, 0 refused`);
  });
});

import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROMPT_IDS } from '../../src/call/prompt-manifest';
import { checkSoundsDir } from '../../src/sounds/check-sounds-dir';
import { wav } from './wav-builder';

describe('checkSoundsDir', () => {
  let dir: string;
  const put = (file: string, bytes: Buffer | string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), bytes);
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ivrpay-sounds-check-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when a folder has a few good recordings, then they are present, the rest missing, and nothing is wrong', async () => {
    put('zh/welcome.wav', wav());
    put('en/goodbye.wav', wav());
    put('README.md', 'recorded by the studio in March');

    const check = await checkSoundsDir(dir);

    expect(check.problems).to.deep.equal([]);
    expect(check.present).to.deep.equal(['zh/welcome', 'en/goodbye']);
    expect(check.missing).to.have.length(PROMPT_IDS.length * 2 - 2);
    expect(check.missing).to.include.members(['zh/goodbye', 'en/welcome']);
  });

  it('when files are of the wrong format, unknown or unreadable, then each is named with its problem', async () => {
    put('zh/welcome.wav', wav({ sampleRate: 44_100 }));
    put('zh/goodbye.wav', wav({ channels: 2 }));
    put('zh/amount-is.wav', wav({ seconds: 45 }));
    put('en/welcome.wav', 'not audio');
    put('en/welcom.wav', wav());
    put('en/goodbye.mp3', 'id3');
    mkdirSync(path.join(dir, 'en', 'old'));

    const { problems, present, missing } = await checkSoundsDir(dir);

    expect(problems.map((p) => p.file)).to.deep.equal([
      'zh/amount-is.wav',
      'zh/goodbye.wav',
      'zh/welcome.wav',
      'en/goodbye.mp3',
      'en/old',
      'en/welcom.wav',
      'en/welcome.wav',
    ]);
    expect(problems[0].problem).to.match(/lasts 45\.0 s, more than 30 s/);
    expect(problems[3].problem).to.match(/unknown format "\.mp3"/);
    expect(problems[5].problem).to.equal('not a prompt id of src/call/prompt-manifest.ts');
    expect(present).to.deep.equal([]);
    // A prompt with a refused file is reported once, as a problem, not also as missing.
    expect(missing).to.not.include.members(['zh/welcome', 'en/goodbye']);
  });

  it('when a raw G.711 file is left beside a recording of another length, then it is refused', async () => {
    put('zh/welcome.wav', wav({ seconds: 3 }));
    put('zh/welcome.alaw', Buffer.alloc(8000 * 2));
    put('zh/goodbye.wav', wav({ seconds: 1 }));
    put('zh/goodbye.ulaw', Buffer.alloc(8000));

    const { problems, present } = await checkSoundsDir(dir);

    expect(problems).to.have.length(1);
    expect(problems[0].file).to.equal('zh/welcome.alaw');
    expect(problems[0].problem).to.match(/lasts 2\.00 s but welcome\.wav 3\.00 s: Asterisk plays the \.alaw/);
    expect(present).to.deep.equal(['zh/goodbye']);
  });

  it('when the folder does not exist, then that is the problem', async () => {
    const { problems } = await checkSoundsDir(path.join(dir, 'nowhere'));
    expect(problems).to.have.length(1);
    expect(problems[0]).to.include({ file: '.' });
    expect(problems[0].problem).to.match(/^cannot read: .*ENOENT/);
  });

  it('passes the generated sounds folder: every prompt present in both languages', async function () {
    this.timeout(20_000);
    const check = await checkSoundsDir(path.resolve(__dirname, '..', '..', 'sounds'));
    expect(check.problems).to.deep.equal([]);
    expect(check.missing).to.deep.equal([]);
    expect(check.present).to.have.length(PROMPT_IDS.length * 2);
  });
});

import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROMPT_IDS } from '../../src/call/prompt-manifest';
import { ConfigError, loadConfig } from '../../src/config/config';
import { startService } from '../../src/service';
import { loadSoundLibrary } from '../../src/sounds/load-sound-library';
import { captureLog } from '../ari/capture-log';
import { wav } from './wav-builder';

const GENERATED = path.resolve(__dirname, '..', '..', 'sounds');

describe('loadSoundLibrary (start-up)', () => {
  let dir: string;
  const put = (file: string, bytes: Buffer) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), bytes);
  };
  const settings = () => ({ soundsDir: dir, generatedSoundsDir: GENERATED, greetingsDir: '/data/greetings' });
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ivrpay-sounds-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('when SOUNDS_DIR has a recording, then it replaces the generated prompt, and the missing ones are a warning', async () => {
    put('zh/welcome.wav', wav());
    const { log, lines } = captureLog();

    const sounds = await loadSoundLibrary(settings(), log);

    expect(sounds.file('zh', 'welcome')).to.equal(path.join(dir, 'zh', 'welcome'));
    expect(sounds.file('zh', 'goodbye')).to.equal(path.join(GENERATED, 'zh', 'goodbye'));
    const warning = lines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'SOUNDS_DIR lacks some prompts: the generated ones play instead');
    expect(warning).to.include({ level: 40, recorded: 1, missing: 2 * PROMPT_IDS.length - 1 });
  });

  it('when a file of SOUNDS_DIR has the wrong format, then the start is refused with its name', async () => {
    put('zh/welcome.wav', wav());
    put('en/goodbye.wav', wav({ sampleRate: 44_100 }));
    const { log } = captureLog();

    const err = await loadSoundLibrary(settings(), log).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(err).to.be.instanceOf(ConfigError);
    expect((err as ConfigError).problems).to.deep.equal([
      `SOUNDS_DIR: ${path.join(dir, 'en', 'goodbye.wav')}: 44100 Hz, not 8000 (need WAV, 8000 Hz, mono, 16-bit PCM, at most 30 s)`,
    ]);
  });

  it('when SOUNDS_DIR is the generated folder (the default), then it is used as it is', async () => {
    const { log, lines } = captureLog();
    const sounds = await loadSoundLibrary({ ...settings(), soundsDir: GENERATED }, log);
    expect(sounds.file('en', 'welcome')).to.equal(path.join(GENERATED, 'en', 'welcome'));
    expect(lines()).to.deep.equal([]);
  });

  it('when the service starts with a bad recording in SOUNDS_DIR, then it refuses before starting anything', async () => {
    put('zh/welcome.wav', Buffer.from('RIFF garbage'));
    const config = loadConfig({ SOUNDS_DIR: dir, DATA_DIR: path.join(dir, 'data'), ASTERISK_SANDBOX: 'off' });
    const { log } = captureLog();

    const err = await startService(config, log).then(
      () => undefined,
      (e: unknown) => e,
    );

    expect(err).to.be.instanceOf(ConfigError);
    expect((err as Error).message).to.include(path.join(dir, 'zh', 'welcome.wav'));
    expect(existsSync(path.join(dir, 'data')), 'nothing written to DATA_DIR').to.equal(false);
  });
});

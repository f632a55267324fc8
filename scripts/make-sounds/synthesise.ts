import { createHash } from 'node:crypto';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import * as path from 'node:path';
import { fixZhPronunciation } from './zh-pronunciation';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];
/** Asterisk picks the cheapest of these for the channel's codec (docs/reference/asterisk-ari.md §2.1). */
export const FORMATS = ['wav', 'ulaw', 'alaw'] as const;

export interface SoundJob {
  lang: Lang;
  id: string;
  text: string;
}

/** Runs a program without a shell; rejects when it exits non-zero. */
export type RunProgram = (file: string, args: string[]) => Promise<{ stdout: string }>;

const VOICES: Record<Lang, { voice: string; speed: number; spoken: (text: string) => string }> = {
  // Not `cmn`: in espeak-ng 1.51 it reads many characters as pinyin spelled out in English
  // ("一" as "yi one"). cmn-latn-pinyin is the same Mandarin voice without that fault.
  zh: { voice: 'cmn-latn-pinyin', speed: 150, spoken: fixZhPronunciation },
  en: { voice: 'en-us', speed: 160, spoken: (text) => text },
};

// espeak pads with digital silence: cut it at both ends (the reverse trick), then 8 kHz, peak at
// -3 dBFS, and a short pad so prompts played one after another (amounts) do not run together.
const SOX_EFFECTS = [
  'silence',
  '1',
  '0.02',
  '0.1%',
  'reverse',
  'silence',
  '1',
  '0.02',
  '0.1%',
  'reverse',
  'rate',
  '-v',
  '8000',
  'gain',
  '-n',
  '-3',
  'pad',
  '0.03',
  '0.07',
];
// -D: no dither (it adds noise and differs between runs); -R: repeatable mode, fixed seeds.
const SOX_GLOBAL = ['-D', '-R'];

/** What decides a prompt's sound; its hash in sounds/manifest.lock.json tells which files are stale. */
export function soundRecipe(job: SoundJob) {
  const { voice, speed, spoken } = VOICES[job.lang];
  return { spoken: spoken(job.text), voice, speed, sox: [...SOX_GLOBAL, ...SOX_EFFECTS], formats: FORMATS };
}

export function recipeHash(job: SoundJob): string {
  return createHash('sha256')
    .update(JSON.stringify(soundRecipe(job)))
    .digest('hex');
}

export function soundFile(soundsDir: string, job: SoundJob, format: (typeof FORMATS)[number]): string {
  return path.join(soundsDir, job.lang, `${job.id}.${format}`);
}

export function createSynthesiser(deps: { run: RunProgram; soundsDir: string; tmpDir: string }) {
  const { run, soundsDir, tmpDir } = deps;

  /** Catches characters the Mandarin voice would read with English phonemes, before making a bad file. */
  async function checkMandarin(job: SoundJob, spoken: string, voice: string): Promise<void> {
    const { stdout } = await run('espeak-ng', ['-q', '-x', '-b', '1', '-v', voice, '--', spoken]);
    if (stdout.includes('(en)')) {
      throw new Error(
        `zh/${job.id}: espeak-ng reads part of "${job.text}" as English (${stdout.trim()}); ` +
          'add the word with its pinyin to scripts/make-sounds/zh-pronunciation.ts',
      );
    }
  }

  async function synthesise(job: SoundJob): Promise<void> {
    const { spoken, voice, speed } = soundRecipe(job);
    if (job.lang === 'zh') await checkMandarin(job, spoken, voice);

    const work = path.join(tmpDir, `${job.lang}-${job.id}`);
    await mkdir(work, { recursive: true });
    const tts = path.join(work, 'tts.wav');
    const out = (format: string) => path.join(work, `out.${format}`);

    await run('espeak-ng', ['-b', '1', '-v', voice, '-s', String(speed), '-w', tts, '--', spoken]);
    await run('sox', [...SOX_GLOBAL, tts, '-b', '16', '-c', '1', '-e', 'signed-integer', out('wav'), ...SOX_EFFECTS]);
    await run('sox', [...SOX_GLOBAL, out('wav'), '-t', 'ul', out('ulaw')]);
    await run('sox', [...SOX_GLOBAL, out('wav'), '-t', 'al', out('alaw')]);

    await mkdir(path.join(soundsDir, job.lang), { recursive: true });
    for (const format of FORMATS) await copyFile(out(format), soundFile(soundsDir, job, format));
    await rm(work, { recursive: true, force: true });
  }

  return { synthesise };
}

import { expect } from 'chai';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { PROMPTS, PROMPT_IDS, isPromptId } from '../../src/call/prompt-manifest';

const SOUNDS_DIR = path.resolve(__dirname, '..', '..', 'sounds');
const LANGS = ['zh', 'en'] as const;
const FORMATS = ['wav', 'ulaw', 'alaw'] as const;
const FIX = 'run `npm run make-sounds` and commit sounds/';

interface WavFormat {
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  dataBytes: number;
}

/** Reads the fmt and data chunks of a RIFF/WAVE file, skipping any other chunk. */
function readWavFormat(file: string): WavFormat {
  const buf = readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error(`${file} is not a RIFF/WAVE file`);
  }
  let fmt: Omit<WavFormat, 'dataBytes'> | undefined;
  for (let offset = 12; offset + 8 <= buf.length;) {
    const id = buf.toString('ascii', offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      fmt = {
        audioFormat: buf.readUInt16LE(offset + 8),
        channels: buf.readUInt16LE(offset + 10),
        sampleRate: buf.readUInt32LE(offset + 12),
        bitsPerSample: buf.readUInt16LE(offset + 22),
      };
    }
    if (id === 'data') {
      if (!fmt) throw new Error(`${file}: data chunk before fmt chunk`);
      return { ...fmt, dataBytes: Math.min(size, buf.length - offset - 8) };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

function soundFile(lang: string, id: string, format: string): string {
  return path.join(SOUNDS_DIR, lang, `${id}.${format}`);
}

describe('prompt manifest and sounds/', () => {
  it('when listing the prompt ids, then each is a safe file name', () => {
    expect(PROMPT_IDS.filter((id) => !/^[a-z0-9_-]+$/.test(id))).to.deep.equal([]);
  });

  it('when reading the texts, then every prompt has Mandarin and English text', () => {
    const empty = PROMPT_IDS.filter((id) => PROMPTS[id].some((text) => text.trim() === ''));
    expect(empty).to.deep.equal([]);
  });

  it('when asking isPromptId, then manifest ids pass and others fail', () => {
    expect(isPromptId('welcome')).to.equal(true);
    expect(isPromptId('no-such-prompt')).to.equal(false);
    expect(isPromptId('toString')).to.equal(false);
  });

  it(`when looking for each prompt in each language, then its wav, ulaw and alaw exist and are not empty (else ${FIX})`, () => {
    const missing = LANGS.flatMap((lang) =>
      PROMPT_IDS.flatMap((id) =>
        FORMATS.filter((format) => {
          const file = soundFile(lang, id, format);
          return !existsSync(file) || statSync(file).size === 0;
        }).map((format) => `${lang}/${id}.${format}`),
      ),
    );
    expect(missing, FIX).to.deep.equal([]);
  });

  it('when reading each wav header, then it is PCM 16-bit, 8000 Hz, mono and 0.1 to 10 s long', () => {
    const wrong = LANGS.flatMap((lang) =>
      PROMPT_IDS.filter((id) => existsSync(soundFile(lang, id, 'wav'))).flatMap((id) => {
        const wav = readWavFormat(soundFile(lang, id, 'wav'));
        const seconds = wav.dataBytes / 2 / 8000;
        const ok =
          wav.audioFormat === 1 &&
          wav.channels === 1 &&
          wav.sampleRate === 8000 &&
          wav.bitsPerSample === 16 &&
          seconds >= 0.1 &&
          seconds <= 10;
        return ok ? [] : [`${lang}/${id}.wav ${JSON.stringify(wav)}`];
      }),
    );
    expect(wrong).to.deep.equal([]);
  });

  it('when comparing formats, then ulaw and alaw hold one byte per sample of the 8 kHz wav', () => {
    const wrong = LANGS.flatMap((lang) =>
      PROMPT_IDS.filter((id) => FORMATS.every((format) => existsSync(soundFile(lang, id, format)))).flatMap((id) => {
        const samples = readWavFormat(soundFile(lang, id, 'wav')).dataBytes / 2;
        return (['ulaw', 'alaw'] as const)
          .filter((format) => statSync(soundFile(lang, id, format)).size !== samples)
          .map((format) => `${lang}/${id}.${format}`);
      }),
    );
    expect(wrong, FIX).to.deep.equal([]);
  });

  it(`when listing sounds/<lang>/, then no file belongs to an id missing from the manifest (else ${FIX})`, () => {
    const orphans = LANGS.flatMap((lang) => {
      const dir = path.join(SOUNDS_DIR, lang);
      const names = existsSync(dir) ? readdirSync(dir) : [];
      return names.filter((name) => !isPromptId(name.split('.')[0])).map((name) => `${lang}/${name}`);
    });
    expect(orphans).to.deep.equal([]);
  });

  it(`when reading sounds/README.md, then its table lists every prompt id (else ${FIX})`, () => {
    const readme = readFileSync(path.join(SOUNDS_DIR, 'README.md'), 'utf8');
    expect(PROMPT_IDS.filter((id) => !readme.includes(`| \`${id}\` |`))).to.deep.equal([]);
  });
});

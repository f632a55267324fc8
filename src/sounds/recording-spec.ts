import type { Language } from '../call/call-port';
import { readWav } from './wav-format';

/** The languages prompts are recorded in, one folder each. */
export const SOUND_LANGUAGES: readonly Language[] = ['zh', 'en'];

/**
 * The format every recorded prompt and merchant greeting must have (README, "Recording prompts"): what
 * Asterisk's format_wav plays (8 kHz, mono, 16-bit PCM, lowercase `.wav`), at most this long.
 */
export const RECORDING = { sampleRate: 8000, channels: 1, bitsPerSample: 16, maxSeconds: 30 } as const;

/** Raw G.711 (`.ulaw`, `.alaw`): one byte a sample, 8000 samples a second, no header. */
export const G711_BYTES_PER_SECOND = 8000;

/** Why this WAV file cannot be played as a prompt, or undefined when it can. Its duration in `seconds`. */
export function recordingProblem(file: Buffer): { problem?: string; seconds: number } {
  const read = readWav(file);
  if (!read.ok) return { problem: read.problem, seconds: 0 };
  const { audioFormat, channels, sampleRate, bitsPerSample, seconds } = read.format;
  const wrong: string[] = [];
  if (audioFormat !== 1) wrong.push(`encoding ${audioFormat === 0xfffe ? 'WAVE_FORMAT_EXTENSIBLE' : `format ${audioFormat}`}, not plain PCM`);
  if (sampleRate !== RECORDING.sampleRate) wrong.push(`${sampleRate} Hz, not ${RECORDING.sampleRate}`);
  if (channels !== RECORDING.channels) wrong.push(`${channels} channels, not mono`);
  if (bitsPerSample !== RECORDING.bitsPerSample) wrong.push(`${bitsPerSample}-bit, not 16-bit`);
  if (wrong.length > 0) return { problem: `${wrong.join(', ')} (need ${describeSpec()})`, seconds };
  if (read.format.dataBytes === 0) return { problem: 'no audio (empty data chunk)', seconds };
  if (seconds > RECORDING.maxSeconds) {
    return { problem: `lasts ${seconds.toFixed(1)} s, more than ${RECORDING.maxSeconds} s`, seconds };
  }
  return { seconds };
}

export function describeSpec(): string {
  return `WAV, ${RECORDING.sampleRate} Hz, mono, ${RECORDING.bitsPerSample}-bit PCM, at most ${RECORDING.maxSeconds} s`;
}

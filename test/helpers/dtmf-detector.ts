import fs from 'node:fs';

/**
 * A Goertzel DTMF detector for recorded call audio (test/e2e/agent-assist.e2e.test.ts: does the agent hear the
 * cardholder's keys?), and a single-frequency meter for the test tone the cardholder plays. 8 kHz PCM.
 *
 * Per block of 205 samples (25.6 ms at 8 kHz, the classic DTMF block), the power at the 8 DTMF frequencies is
 * taken as a share of the block's energy (1 = all of it at that frequency). A key is a row and a column tone
 * together holding most of the block's energy, each well above the others of its group, for 2 blocks or more.
 */

const ROWS = [697, 770, 852, 941];
const COLUMNS = [1209, 1336, 1477, 1633];
const KEYS = ['123A', '456B', '789C', '*0#D'];
export const BLOCK = 205;

/** Thresholds of a key: each tone's share of the block, both together, dominance in its group, and the floor. */
const MIN_TONE_SHARE = 0.15;
const MIN_PAIR_SHARE = 0.6;
const MIN_DOMINANCE = 4;
/** Blocks quieter than this (RMS, full scale 32768) hold no key: about −50 dBFS. */
const MIN_RMS = 100;
const MIN_BLOCKS = 2;

export interface ToneRun {
  /** The key (DTMF), or the frequency measured. */
  key: string;
  startMs: number;
  endMs: number;
}

/** A frequency's power in the block as a share of the block's energy (Goertzel). */
export function toneShare(block: ArrayLike<number>, rate: number, frequency: number): number {
  const n = block.length;
  const coefficient = 2 * Math.cos((2 * Math.PI * frequency) / rate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const s0 = block[i] + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += block[i] * block[i];
  }
  if (energy === 0) return 0;
  const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
  return power / ((energy * n) / 2);
}

function rms(block: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < block.length; i++) sum += block[i] * block[i];
  return Math.sqrt(sum / Math.max(1, block.length));
}

function keyOf(block: ArrayLike<number>, rate: number): string | undefined {
  if (rms(block) < MIN_RMS) return undefined;
  const best = (freqs: number[]) => {
    const shares = freqs.map((f) => toneShare(block, rate, f));
    const i = shares.indexOf(Math.max(...shares));
    const others = shares.filter((_, j) => j !== i);
    return { i, share: shares[i], dominant: others.every((s) => s * MIN_DOMINANCE <= shares[i]) };
  };
  const row = best(ROWS);
  const column = best(COLUMNS);
  if (row.share < MIN_TONE_SHARE || column.share < MIN_TONE_SHARE) return undefined;
  if (row.share + column.share < MIN_PAIR_SHARE || !row.dominant || !column.dominant) return undefined;
  return KEYS[row.i][column.i];
}

function blocks(samples: ArrayLike<number>): ArrayLike<number>[] {
  const out: ArrayLike<number>[] = [];
  for (let at = 0; at + BLOCK <= samples.length; at += BLOCK)
    out.push(Array.prototype.slice.call(samples, at, at + BLOCK) as number[]);
  return out;
}

/** Runs of consecutive blocks for which `classify` says the same thing, at least `minBlocks` long. */
function runs(
  samples: ArrayLike<number>,
  rate: number,
  minBlocks: number,
  classify: (b: ArrayLike<number>) => string | undefined,
): ToneRun[] {
  const ms = (i: number) => Math.round((i * BLOCK * 1000) / rate);
  const found: ToneRun[] = [];
  let current: { key: string; start: number } | undefined;
  const all = blocks(samples);
  all.forEach((block, i) => {
    const key = classify(block);
    if (current && key === current.key) return;
    if (current && i - current.start >= minBlocks) found.push({ key: current.key, startMs: ms(current.start), endMs: ms(i) });
    current = key === undefined ? undefined : { key, start: i };
  });
  if (current && all.length - current.start >= minBlocks) {
    found.push({ key: current.key, startMs: ms(current.start), endMs: ms(all.length) });
  }
  return found;
}

/** The DTMF keys heard in `samples`, one run per key press. */
export function detectDtmf(samples: ArrayLike<number>, rate = 8000): ToneRun[] {
  return runs(samples, rate, MIN_BLOCKS, (block) => keyOf(block, rate));
}

/**
 * Where `frequency` alone carries at least `minShare` of an audible block, in runs of 100 ms or more (a test tone
 * standing for the cardholder's voice). Runs apart by `maxGapMs` or less are one: a lost packet is not a pause.
 */
export function detectTone(
  samples: ArrayLike<number>,
  rate: number,
  frequency: number,
  minShare = 0.5,
  maxGapMs = 100,
): ToneRun[] {
  const minBlocks = Math.ceil((0.1 * rate) / BLOCK);
  const found = runs(samples, rate, 1, (block) =>
    rms(block) >= MIN_RMS && toneShare(block, rate, frequency) >= minShare ? String(frequency) : undefined,
  );
  const merged: ToneRun[] = [];
  for (const run of found) {
    const last = merged.at(-1);
    if (last && run.startMs - last.endMs <= maxGapMs) last.endMs = run.endMs;
    else merged.push({ ...run });
  }
  const minMs = (minBlocks * BLOCK * 1000) / rate;
  return merged.filter((run) => run.endMs - run.startMs >= minMs - 1);
}

/** The RMS level of a run in dBFS, and the mean share of `frequency` in it (1: the tone alone). */
export function toneLevel(
  samples: ArrayLike<number>,
  rate: number,
  run: ToneRun,
  frequency: number,
): { dbfs: number; share: number } {
  const from = Math.floor((run.startMs * rate) / 1000);
  const to = Math.floor((run.endMs * rate) / 1000);
  const part = Array.prototype.slice.call(samples, from, to) as number[];
  const shares = blocks(part).map((block) => toneShare(block, rate, frequency));
  const share = shares.reduce((a, b) => a + b, 0) / Math.max(1, shares.length);
  return { dbfs: 20 * Math.log10(Math.max(1e-9, rms(part) / 32768)), share };
}

/** Reads a mono 16-bit PCM WAV (as Asterisk records `wav`): its rate and samples. */
export function readWav(file: string): { rate: number; samples: Int16Array } {
  const data = fs.readFileSync(file);
  if (data.toString('ascii', 0, 4) !== 'RIFF' || data.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${file}: not a WAV`);
  let rate = 0;
  for (let at = 12; at + 8 <= data.length;) {
    const id = data.toString('ascii', at, at + 4);
    const size = data.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      if (data.readUInt16LE(at + 8) !== 1 || data.readUInt16LE(at + 10) !== 1 || data.readUInt16LE(at + 22) !== 16) {
        throw new Error(`${file}: not mono 16-bit PCM`);
      }
      rate = data.readUInt32LE(at + 12);
    } else if (id === 'data') {
      const end = Math.min(data.length, at + 8 + size);
      const samples = new Int16Array(Math.floor((end - at - 8) / 2));
      for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(at + 8 + i * 2);
      return { rate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

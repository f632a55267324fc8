import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Language } from '../call/call-port';
import { isPromptId, PROMPT_IDS } from '../call/prompt-manifest';
import { errorMessage } from '../lib/error-message';
import { G711_BYTES_PER_SECOND, RECORDING, recordingProblem, SOUND_LANGUAGES } from './recording-spec';

/** The formats Asterisk may pick for a prompt: `.wav`, and raw G.711 as make-sounds also writes. */
const FORMATS = ['wav', 'ulaw', 'alaw'] as const;
type Format = (typeof FORMATS)[number];

/**
 * A raw G.711 file beside a `.wav` of the same id may differ in length by this many samples (10 ms): more, and
 * it is a leftover of an older prompt that Asterisk would play instead of the recording on G.711 calls.
 */
const LENGTH_TOLERANCE_SAMPLES = 80;

export interface SoundProblem {
  /** Relative to the folder checked, e.g. `zh/welcome.wav`. */
  file: string;
  problem: string;
}

export interface SoundsDirCheck {
  /** `lang/id` of every prompt the folder has playable files for (and no bad one). */
  present: string[];
  /** `lang/id` of every prompt of the manifest the folder has no file for. */
  missing: string[];
  problems: SoundProblem[];
}

/**
 * Checks a folder of recorded prompts laid out as `<lang>/<id>.wav` (README, "Recording prompts"): every file
 * must be a prompt of src/call/prompt-manifest.ts in a playable format. Other entries at the top (a README) are
 * not looked at.
 */
export async function checkSoundsDir(dir: string): Promise<SoundsDirCheck> {
  const check: SoundsDirCheck = { present: [], missing: [], problems: [] };
  try {
    if (!(await stat(dir)).isDirectory()) return { ...check, problems: [{ file: '.', problem: 'not a folder' }] };
  } catch (err) {
    return { ...check, problems: [{ file: '.', problem: `cannot read: ${errorMessage(err)}` }] };
  }
  for (const lang of SOUND_LANGUAGES) {
    const { named, playable } = await checkLanguage(dir, lang, check.problems);
    for (const id of PROMPT_IDS) {
      if (playable.has(id)) check.present.push(`${lang}/${id}`);
      else if (!named.has(id)) check.missing.push(`${lang}/${id}`);
    }
  }
  return check;
}

/**
 * The prompt ids named by a file in `dir/lang`, and those whose files are all playable; problems are added to
 * `problems`. A missing language folder is only missing prompts.
 */
async function checkLanguage(
  dir: string,
  lang: Language,
  problems: SoundProblem[],
): Promise<{ named: Set<string>; playable: Set<string> }> {
  const names = await readdir(path.join(dir, lang), { withFileTypes: true }).catch(() => []);
  const named = new Set<string>();
  const refused = new Set<string>();
  const seconds = new Map<string, Partial<Record<Format, number>>>();
  for (const entry of names.sort((a, b) => a.name.localeCompare(b.name))) {
    const file = `${lang}/${entry.name}`;
    const dot = entry.name.indexOf('.');
    const id = dot < 0 ? entry.name : entry.name.slice(0, dot);
    const ext = dot < 0 ? '' : entry.name.slice(dot + 1);
    if (isPromptId(id)) named.add(id);
    const problem = !entry.isFile()
      ? 'not a file'
      : !isPromptId(id)
        ? 'not a prompt id of src/call/prompt-manifest.ts'
        : !(FORMATS as readonly string[]).includes(ext)
          ? `unknown format ".${ext}": record as .wav`
          : undefined;
    const measured = problem ? { problem, seconds: 0 } : await measure(path.join(dir, file), ext as Format);
    if (measured.problem) {
      problems.push({ file, problem: measured.problem });
      refused.add(id);
    } else seconds.set(id, { ...seconds.get(id), [ext]: measured.seconds });
  }
  for (const [id, lengths] of seconds) if (staleRawFiles(lang, id, lengths, problems)) refused.add(id);
  return { named, playable: new Set([...seconds.keys()].filter((id) => !refused.has(id))) };
}

async function measure(file: string, format: Format): Promise<{ problem?: string; seconds: number }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    return { problem: `unreadable: ${errorMessage(err)}`, seconds: 0 };
  }
  if (format === 'wav') return recordingProblem(bytes);
  const seconds = bytes.length / G711_BYTES_PER_SECOND;
  if (bytes.length === 0) return { problem: 'empty', seconds };
  if (seconds > RECORDING.maxSeconds) {
    return { problem: `lasts ${seconds.toFixed(1)} s, more than ${RECORDING.maxSeconds} s`, seconds };
  }
  return { seconds };
}

/** Adds a problem for each raw file whose length differs from the `.wav`'s; whether there was one. */
function staleRawFiles(
  lang: Language,
  id: string,
  lengths: Partial<Record<Format, number>>,
  problems: SoundProblem[],
): boolean {
  const before = problems.length;
  if (lengths.wav === undefined) return false;
  for (const raw of ['ulaw', 'alaw'] as const) {
    const rawSeconds = lengths[raw];
    if (rawSeconds === undefined) continue;
    if (Math.abs(rawSeconds - lengths.wav) * RECORDING.sampleRate <= LENGTH_TOLERANCE_SAMPLES) continue;
    problems.push({
      file: `${lang}/${id}.${raw}`,
      problem:
        `lasts ${rawSeconds.toFixed(2)} s but ${id}.wav ${lengths.wav.toFixed(2)} s: Asterisk plays the .${raw} ` +
        `instead of the .wav on G.711 calls; delete it or make it again from the .wav`,
    });
  }
  return problems.length > before;
}

/**
 * npm run make-sounds [-- --force]    |    npm run make-sounds -- --check DIR
 * Turns every prompt of src/call/prompt-manifest.ts into sounds/<lang>/<id>.{wav,ulaw,alaw} with
 * espeak-ng and sox. Incremental: sounds/manifest.lock.json keeps a hash of what made each prompt,
 * so only new or changed prompts are made again (--force remakes all but studio recordings). Files
 * of ids no longer in the manifest are deleted, and the prompt table in sounds/README.md rewritten.
 * --check DIR checks a folder of recorded prompts for SOUNDS_DIR instead (README, "Recording prompts").
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, unlink, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { PROMPTS, PROMPT_IDS } from '../src/call/prompt-manifest';
import { errorMessage } from '../src/lib/error-message';
import { checkSoundsDir } from '../src/sounds/check-sounds-dir';
import { reportSoundsCheck } from './make-sounds/check-sounds';
import { renderPromptTable, replacePromptTable } from './make-sounds/prompt-table';
import {
  FORMATS,
  LANGS,
  createSynthesiser,
  recipeHash,
  soundFile,
  type RunProgram,
  type SoundJob,
} from './make-sounds/synthesise';

const SOUNDS_DIR = path.resolve(__dirname, '..', 'sounds');
const LOCK_FILE = path.join(SOUNDS_DIR, 'manifest.lock.json');
const README_FILE = path.join(SOUNDS_DIR, 'README.md');
const PARALLEL_JOBS = 2;

/** Prompt "lang/id" → recipeHash of the files on disk, or RECORDED for a studio recording. */
type Lock = Record<string, string>;
const RECORDED = 'recorded';

const execFileAsync = promisify(execFile);
const run: RunProgram = async (file, args) => {
  const { stdout } = await execFileAsync(file, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return { stdout };
};

async function main(args: string[]): Promise<number> {
  if (args[0] === '--check') {
    if (args.length !== 2) {
      console.error('Usage: npm run make-sounds -- --check DIR');
      return 2;
    }
    const dir = path.resolve(args[1]);
    const { lines, exitCode } = reportSoundsCheck(dir, await checkSoundsDir(dir));
    for (const line of lines) console.log(line);
    return exitCode;
  }
  const unknown = args.filter((arg) => arg !== '--force');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}. Usage: npm run make-sounds [-- --force] | -- --check DIR`);
    return 1;
  }
  if (!(await toolsInstalled())) return 1;
  const badIds = PROMPT_IDS.filter((id) => !/^[a-z0-9_-]+$/.test(id));
  if (badIds.length > 0) throw new Error(`Prompt ids must match [a-z0-9_-]+ (they are file names): ${badIds.join(', ')}`);

  const jobs: SoundJob[] = LANGS.flatMap((lang) =>
    PROMPT_IDS.map((id) => ({ lang, id, text: PROMPTS[id][lang === 'zh' ? 0 : 1] })),
  );
  const oldLock = await readLock();
  const lock: Lock = {};
  const stale: SoundJob[] = [];
  for (const job of jobs) {
    const old = oldLock[key(job)];
    const keep = old === RECORDED || (!args.includes('--force') && old === recipeHash(job));
    if (keep && (await filesPresent(job))) lock[key(job)] = old;
    else stale.push(job);
  }

  const tmpDir = await mkdtemp(path.join(os.tmpdir(), 'ivrpay-sounds-'));
  const { synthesise } = createSynthesiser({ run, soundsDir: SOUNDS_DIR, tmpDir });
  try {
    await inParallel(stale, PARALLEL_JOBS, async (job) => {
      await synthesise(job);
      lock[key(job)] = recipeHash(job);
      console.log(`  made ${key(job)}`);
    });
  } finally {
    // Written even after a failure, so the prompts made so far are not made again.
    await writeLock(lock);
    await rm(tmpDir, { recursive: true, force: true });
  }

  const removed = await removeOrphans();
  await writeReadmeTable();
  console.log(`make-sounds: ${stale.length} made, ${jobs.length - stale.length} unchanged, ${removed} orphan files removed`);
  return 0;
}

async function toolsInstalled(): Promise<boolean> {
  for (const tool of ['espeak-ng', 'sox']) {
    try {
      await run(tool, ['--version']);
    } catch {
      console.error(`${tool} is not installed. Install it with: sudo apt-get install espeak-ng sox libsox-fmt-all`);
      return false;
    }
  }
  return true;
}

function key(job: SoundJob): string {
  return `${job.lang}/${job.id}`;
}

async function filesPresent(job: SoundJob): Promise<boolean> {
  for (const format of FORMATS) {
    const size = await stat(soundFile(SOUNDS_DIR, job, format)).then(
      (s) => s.size,
      () => 0,
    );
    if (size === 0) return false;
  }
  return true;
}

async function readLock(): Promise<Lock> {
  try {
    return JSON.parse(await readFile(LOCK_FILE, 'utf8')) as Lock;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

async function writeLock(lock: Lock): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(LOCK_FILE, `${JSON.stringify(sorted, null, 2)}\n`);
}

/** Deletes sounds/<lang>/ files whose id (the name before the first dot) left the manifest. */
async function removeOrphans(): Promise<number> {
  let removed = 0;
  for (const lang of LANGS) {
    const dir = path.join(SOUNDS_DIR, lang);
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      if (PROMPT_IDS.includes(name.split('.')[0] as (typeof PROMPT_IDS)[number])) continue;
      await unlink(path.join(dir, name));
      console.log(`  removed ${lang}/${name}`);
      removed += 1;
    }
  }
  return removed;
}

async function writeReadmeTable(): Promise<void> {
  const readme = await readFile(README_FILE, 'utf8');
  const updated = replacePromptTable(readme, renderPromptTable(PROMPTS));
  if (updated !== readme) await writeFile(README_FILE, updated);
}

/** Runs `work` on up to `limit` items at a time; after a failure no new item starts. */
async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      await work(items[next++]).catch((err: unknown) => {
        failed = true;
        throw err;
      });
    }
  };
  const results = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`make-sounds failed: ${errorMessage(err)}`);
    process.exitCode = 1;
  },
);

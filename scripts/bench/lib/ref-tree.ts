/**
 * `--against <git-ref>`: another commit's tree, checked out beside this one (a detached git worktree
 * under data/), so a benchmark measures both in the same run, on the same machine state, and gives
 * same-run ratios. Each tree runs its own worker file: its imports follow its own folders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { git, GitError } from './git';
import { UsageError } from './usage-error';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');
const PREFIX = 'bench-ref-';
/** What a benchmark run writes itself, and a worktree's node_modules link: not uncommitted work. */
const NOT_WORK = ['node_modules', 'bench/results'];

export interface RefTree {
  /** As given, and the commit it named. */
  ref: string;
  commit: string;
  dir: string;
  /** The tree measured against it: its HEAD and what `git status` lists beyond it. */
  current: { commit: string; uncommitted: string[] };
  /** A file of that tree (e.g. its worker), or a clear error when that commit has none there. */
  file(relative: string): string;
  /** Removes the worktree; also runs on exit, Ctrl-C and SIGTERM. */
  remove(): void;
}

/** One commit as git names it (b482a1a, main~1, v1.2): not an option, not a range. */
export function parseRef(text: string): string {
  const ref = text.trim();
  if (!ref) throw new UsageError('--against: name a git ref, e.g. --against main~1 or --against b482a1a');
  if (ref.startsWith('-')) throw new UsageError(`--against: ${ref} reads as an option, not a git ref`);
  if ([...ref].some((c) => c <= ' ' || c === '\x7f'))
    throw new UsageError(`--against: ${JSON.stringify(ref)} has spaces or control characters`);
  if (ref.includes('..')) throw new UsageError(`--against: ${ref} is a range; name one commit`);
  return ref;
}

function checkoutState(root: string): RefTree['current'] {
  let top: string;
  try {
    top = git(root, ['rev-parse', '--show-toplevel']);
  } catch (err) {
    if (err instanceof GitError && err.status !== null)
      throw new UsageError(`--against: ${root} is not a git checkout (${err.stderr})`);
    throw new UsageError(`--against: ${(err as Error).message}`);
  }
  if (fs.realpathSync(top) !== fs.realpathSync(root))
    throw new UsageError(`--against: ${root} is not a git checkout of its own (git finds ${top} around it)`);
  let commit: string;
  try {
    commit = git(root, ['rev-parse', '--verify', 'HEAD']);
  } catch {
    throw new UsageError(`--against: ${root} has no commit yet`);
  }
  const status = git(root, ['status', '--porcelain', '--', '.', ...NOT_WORK.map((p) => `:(exclude)${p}`)]);
  // `XY path` lines; git() trims, so the first may have lost its leading space.
  return { commit, uncommitted: status ? status.split('\n').map((line) => line.trim().replace(/^\S+\s+/, '')) : [] };
}

function resolveCommit(root: string, ref: string): string {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new UsageError(
      `--against: ${ref} names no commit here (a typo? a shallow clone lacks older commits: git fetch --unshallow)`,
    );
  }
}

function removeWorktree(root: string, dir: string): void {
  const link = path.join(dir, 'node_modules');
  if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(link);
  try {
    git(root, ['worktree', 'remove', '--force', dir]);
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    git(root, ['worktree', 'prune']);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Worktrees a killed run left behind (its pid is in the name and gone). A run still going keeps its own. */
function removeStale(root: string, parentDir: string): void {
  git(root, ['worktree', 'prune']);
  const listed = git(root, ['worktree', 'list', '--porcelain'])
    .split('\n')
    .filter((line) => line.startsWith('worktree '))
    .map((line) => line.slice('worktree '.length));
  for (const dir of listed) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(path.basename(dir))?.[1];
    if (pid && path.dirname(dir) === parentDir && !alive(Number(pid))) removeWorktree(root, dir);
  }
}

export function openRefTree(opts: { ref: string; projectRoot?: string; parentDir?: string; allowDirty?: boolean }): RefTree {
  const root = opts.projectRoot ?? PROJECT_ROOT;
  const ref = parseRef(opts.ref);
  const current = checkoutState(root);
  if (current.uncommitted.length > 0 && !opts.allowDirty) {
    const shown = current.uncommitted.slice(0, 5).join(', ') + (current.uncommitted.length > 5 ? ', …' : '');
    throw new UsageError(
      `--against: this tree has uncommitted changes (${shown}), so its figures would belong to no commit: commit or stash them, or pass --allow-dirty to measure them as they are`,
    );
  }
  const commit = resolveCommit(root, ref);
  const modules = path.join(root, 'node_modules');
  if (!fs.existsSync(modules)) throw new UsageError(`--against: ${modules} is missing (npm ci first)`);
  fs.mkdirSync(opts.parentDir ?? path.join(root, 'data'), { recursive: true });
  const parentDir = fs.realpathSync(opts.parentDir ?? path.join(root, 'data'));
  removeStale(root, parentDir);
  const dir = path.join(parentDir, `${PREFIX}${process.pid}-${commit.slice(0, 12)}`);
  git(root, ['worktree', 'add', '--detach', '--quiet', dir, commit]);

  let removed = false;
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    process.kill(process.pid, signal);
  };
  function remove(): void {
    if (removed) return;
    removed = true;
    process.off('exit', remove).off('SIGINT', onSignal).off('SIGTERM', onSignal);
    removeWorktree(root, dir);
  }
  process.once('exit', remove).once('SIGINT', onSignal).once('SIGTERM', onSignal);
  // A commit may carry a worktree's node_modules link by mistake: ours replaces it.
  const link = path.join(dir, 'node_modules');
  if (fs.lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(link);
  fs.symlinkSync(modules, link, 'dir');

  const file = (relative: string) => {
    const found = path.join(dir, relative);
    if (!fs.existsSync(found))
      throw new UsageError(
        `--against: ${ref} (${commit.slice(0, 7)}) has no ${relative}: it predates this benchmark or keeps it elsewhere`,
      );
    return found;
  };
  return { ref, commit, dir, current, file, remove };
}

/** Column names for the two trees: their commits, and whether this one has uncommitted changes. */
export function treeNames(tree: Pick<RefTree, 'ref' | 'commit' | 'current'>): { current: string; previous: string } {
  const short = (commit: string) => commit.slice(0, 7);
  const named = tree.commit.startsWith(tree.ref) ? '' : ` (${tree.ref})`;
  return {
    current: `current ${short(tree.current.commit)}${tree.current.uncommitted.length > 0 ? ' + changes' : ''}`,
    previous: `previous ${short(tree.commit)}${named}`,
  };
}

/** What a results file records of an `--against` run. */
export function describeTrees(tree: RefTree): { ref: string; commit: string; current: RefTree['current'] } {
  return { ref: tree.ref, commit: tree.commit, current: tree.current };
}

import { execFileSync } from 'node:child_process';

/** git's own failure, with what it said on stderr, so a caller can tell the cases apart. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly status: number | null,
  ) {
    super(message);
  }
}

/** Runs `git -C <dir> <args>` and returns its stdout, trimmed; throws GitError when git is missing or fails. */
export function git(dir: string, args: string[]): string {
  try {
    return execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (err) {
    const failure = err as NodeJS.ErrnoException & { stderr?: string; status?: number | null };
    if (failure.code === 'ENOENT') throw new GitError('git is not installed (not on the PATH)', '', null);
    const stderr = String(failure.stderr ?? '').trim();
    throw new GitError(`git ${args[0]} failed: ${stderr || failure.message}`, stderr, failure.status ?? null);
  }
}

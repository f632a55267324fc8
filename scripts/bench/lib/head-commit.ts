import { git } from './git';
import { PROJECT_ROOT } from './ref-tree';

/** The commit a result was measured on, and whether the tree had uncommitted changes then. */
export interface HeadCommit {
  commit: string;
  dirty: boolean;
}

export function headCommit(root = PROJECT_ROOT): HeadCommit {
  return { commit: git(root, ['rev-parse', 'HEAD']), dirty: git(root, ['status', '--porcelain']) !== '' };
}

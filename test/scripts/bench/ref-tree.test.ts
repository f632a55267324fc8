import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openRefTree, parseRef, treeNames } from '../../../scripts/bench/lib/ref-tree';
import { UsageError } from '../../../scripts/bench/lib/usage-error';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench test',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench test',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
};

function git(dir: string, ...args: string[]): string {
  return gitWithInput(dir, '', ...args);
}

function gitWithInput(dir: string, input: string, ...args: string[]): string {
  const options = { env: GIT_ENV, encoding: 'utf8' as const, input };
  return execFileSync('git', ['-C', dir, '-c', 'commit.gpgsign=false', ...args], options).trim();
}

/** A project in a temporary git repository: worker.txt is "v1" at tag v1 and "v2" at HEAD; node_modules is ignored. */
function makeProject(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-ref-tree-')));
  git(dir, 'init', '-q');
  fs.writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\ndata/\n');
  fs.writeFileSync(path.join(dir, 'worker.txt'), 'v1');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'one');
  git(dir, 'tag', 'v1');
  fs.writeFileSync(path.join(dir, 'worker.txt'), 'v2');
  git(dir, 'commit', '-q', '-am', 'two');
  fs.mkdirSync(path.join(dir, 'node_modules', 'some-package'), { recursive: true });
  return dir;
}

const worktrees = (dir: string) =>
  git(dir, 'worktree', 'list', '--porcelain')
    .split('\n')
    .filter((l) => l.startsWith('worktree '));

describe('scripts/bench/lib/ref-tree', () => {
  let project: string;
  beforeEach(() => {
    project = makeProject();
  });
  afterEach(() => {
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('when opened at a tag, then data/ holds a detached worktree of that commit with node_modules linked, and remove() takes it away', () => {
    const tree = openRefTree({ ref: 'v1', projectRoot: project });
    expect(path.dirname(tree.dir)).to.equal(path.join(project, 'data'));
    expect(tree.commit).to.equal(git(project, 'rev-parse', 'v1'));
    expect(tree.current).to.deep.equal({ commit: git(project, 'rev-parse', 'HEAD'), uncommitted: [] });
    expect(fs.readFileSync(tree.file('worker.txt'), 'utf8')).to.equal('v1');
    expect(fs.readlinkSync(path.join(tree.dir, 'node_modules'))).to.equal(path.join(project, 'node_modules'));
    expect(worktrees(project)).to.have.length(2);

    tree.remove();
    expect(fs.existsSync(tree.dir)).to.equal(false);
    expect(worktrees(project)).to.have.length(1);
    expect(fs.existsSync(path.join(project, 'node_modules', 'some-package')), 'the linked folder itself stays').to.equal(true);
  });

  it('when the commit carries a node_modules link of its own, then ours replaces it', () => {
    const target = gitWithInput(project, '/nowhere', 'hash-object', '-w', '--stdin');
    const tree = gitWithInput(project, `120000 blob ${target}\tnode_modules\n`, 'mktree');
    git(project, 'tag', 'linked', git(project, 'commit-tree', tree, '-m', 'a committed link'));
    const linked = openRefTree({ ref: 'linked', projectRoot: project });
    try {
      expect(fs.readlinkSync(path.join(linked.dir, 'node_modules'))).to.equal(path.join(project, 'node_modules'));
    } finally {
      linked.remove();
    }
    expect(fs.existsSync(linked.dir)).to.equal(false);
  });

  it('when the tree lacks a file asked for, then the error names the ref and the file', () => {
    const tree = openRefTree({ ref: 'v1', projectRoot: project });
    try {
      expect(() => tree.file('scripts/worker.ts')).to.throw(UsageError, /v1 \([0-9a-f]{7}\) has no scripts\/worker.ts/);
    } finally {
      tree.remove();
    }
  });

  it('when the ref names no commit, then a UsageError says so and nothing is checked out', () => {
    expect(() => openRefTree({ ref: 'no-such-tag', projectRoot: project })).to.throw(UsageError, /no-such-tag names no commit/);
    expect(worktrees(project)).to.have.length(1);
  });

  it('when this tree has uncommitted changes, then it is refused unless allowDirty, which records them', () => {
    fs.writeFileSync(path.join(project, 'worker.txt'), 'v3');
    expect(() => openRefTree({ ref: 'v1', projectRoot: project })).to.throw(UsageError, /uncommitted changes \(worker.txt\)/);
    const tree = openRefTree({ ref: 'v1', projectRoot: project, allowDirty: true });
    tree.remove();
    expect(tree.current.uncommitted).to.deep.equal(['worker.txt']);
  });

  it('when the folder is no git checkout, then a UsageError says so', () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-no-git-'));
    try {
      expect(() => openRefTree({ ref: 'v1', projectRoot: plain })).to.throw(UsageError, /is not a git checkout/);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });

  it('when a killed run left its worktree behind, then the next run removes it; a live run keeps its own', () => {
    const deadPid = spawnSync('true').pid;
    const stale = path.join(project, 'data', `bench-ref-${deadPid}-0123456789ab`);
    const live = path.join(project, 'data', `bench-ref-${process.ppid}-0123456789ab`);
    git(project, 'worktree', 'add', '--detach', '--quiet', stale, 'v1');
    git(project, 'worktree', 'add', '--detach', '--quiet', live, 'v1');
    const tree = openRefTree({ ref: 'v1', projectRoot: project });
    tree.remove();
    expect(fs.existsSync(stale)).to.equal(false);
    expect(fs.existsSync(live)).to.equal(true);
    expect(worktrees(project)).to.have.length(2);
  });

  it('when a ref reads as an option, a range, or is empty, then parseRef refuses it before git sees it', () => {
    expect(parseRef(' b482a1a ')).to.equal('b482a1a');
    expect(parseRef('main~1')).to.equal('main~1');
    expect(() => parseRef('')).to.throw(UsageError, /name a git ref/);
    expect(() => parseRef('--output=x')).to.throw(UsageError, /reads as an option/);
    expect(() => parseRef('main..HEAD')).to.throw(UsageError, /a range/);
    expect(() => parseRef('a b')).to.throw(UsageError, /spaces/);
  });

  it('when naming the trees, then a ref that is not the commit itself is shown beside it, and changes are flagged', () => {
    const commit = 'b482a1acafe12dd6f1034c4d7fc80c78839df1dc';
    const current = { commit: '00764ff0000000000000000000000000000000000', uncommitted: [] };
    expect(treeNames({ ref: 'b482a1a', commit, current })).to.deep.equal({
      current: 'current 00764ff',
      previous: 'previous b482a1a',
    });
    expect(treeNames({ ref: 'main~1', commit, current: { ...current, uncommitted: ['x.ts'] } })).to.deep.equal({
      current: 'current 00764ff + changes',
      previous: 'previous b482a1a (main~1)',
    });
  });
});

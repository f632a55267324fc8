import fs from 'node:fs';

/**
 * What a running `npm run cluster` started, in data/cluster/cluster.json, so `npm run cluster -- stop` (or the next
 * start, after a crash) stops exactly that: its own pid, its children's, and the sandboxes it started (not those
 * that were running before it).
 */
export interface ClusterState {
  supervisor: number;
  /** By name (node-a, node-b, acquirer): each child's pid and the file it runs (a pid reused since is not stopped). */
  children: Record<string, { pid: number; file: string }>;
  /** The sandboxes this run started, in the order it started them: 'PostgreSQL', 'Asterisk A', 'Asterisk B'. */
  started: string[];
}

export function readState(file: string): ClusterState | undefined {
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ClusterState;
}

export function writeState(file: string, state: ClusterState): void {
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export function removeState(file: string): void {
  fs.rmSync(file, { force: true });
}

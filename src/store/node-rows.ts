/** One app node's row in `nodes` (migration 014). */
export interface NodeRow {
  id: string;
  /** Where it runs, and its process: a node starting again under the same id is told apart from a second one. */
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
}

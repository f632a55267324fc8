/** One app node's row in `nodes` (migrations 014, 017). */
export interface NodeRow {
  id: string;
  /** Where it runs, and its process: a node starting again under the same id is told apart from a second one. */
  host: string;
  pid: number;
  started_at: string;
  heartbeat_at: string;
  /** Its Stasis app (ARI_APP), where a survivor finds its callers; null in rows written before migration 017. */
  app: string | null;
}

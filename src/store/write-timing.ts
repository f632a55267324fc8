import type { Knex } from 'knex';

/**
 * The writes timed: single statements (each commits alone, or is part of a group or a transaction), a commit
 * group's COMMIT, and a whole transaction (store.transaction: knex runs its BEGIN and COMMIT unseen by these events).
 */
export type WriteStatement = 'insert' | 'update' | 'delete' | 'commit' | 'transaction';

/** What knex tells of a statement on its 'query' and 'query-response' / 'query-error' events. */
interface QueryEvent {
  __knexQueryUid?: string;
  sql?: string;
}

const WRITE = /^\s*(insert|update|delete|commit)\b/i;

/**
 * Times every write statement on `db`, from the moment it runs on the connection to its answer (so a commit's wait
 * for the disk is in, the wait for the connection is not), whichever path wrote it: a repository, a transaction,
 * the group commit. Reads are not timed. Returns the function that stops it.
 */
export function timeWrites(db: Knex, observe: (statement: WriteStatement, seconds: number) => void): () => void {
  const started = new Map<string, { statement: WriteStatement; at: number }>();
  const onQuery = (query: QueryEvent) => {
    const match = WRITE.exec(query.sql ?? '');
    if (match && query.__knexQueryUid) {
      started.set(query.__knexQueryUid, { statement: match[1].toLowerCase() as WriteStatement, at: performance.now() });
    }
  };
  const onEnd = (query: QueryEvent) => {
    const uid = query.__knexQueryUid;
    const start = uid === undefined ? undefined : started.get(uid);
    if (!start || uid === undefined) return;
    started.delete(uid);
    observe(start.statement, (performance.now() - start.at) / 1000);
  };
  const onResponse = (_response: unknown, query: QueryEvent) => onEnd(query);
  const onError = (_err: unknown, query: QueryEvent) => onEnd(query);
  db.on('query', onQuery);
  db.on('query-response', onResponse);
  db.on('query-error', onError);
  return () => {
    db.off('query', onQuery);
    db.off('query-response', onResponse);
    db.off('query-error', onError);
    started.clear();
  };
}

import type { Knex } from 'knex';
import { dialectOf } from './dialect';
import * as initialSchema from './migrations/001-initial-schema';
import * as idempotencyAndRequestSigning from './migrations/002-idempotency-and-request-signing';
import * as merchantNotifications from './migrations/003-merchant-notifications';
import * as callbacksAndSms from './migrations/004-callbacks-and-sms';
import * as paymentAttempts from './migrations/005-payment-attempts';
import * as cardFingerprints from './migrations/006-card-fingerprints';
import * as refunds from './migrations/007-refunds';
import * as reconciliation from './migrations/008-reconciliation';
import * as feesAndSettlement from './migrations/009-fees-and-settlement';
import * as merchantLanguage from './migrations/010-merchant-language';
import * as abandonedCallSms from './migrations/011-abandoned-call-sms';
import * as merchantPrompts from './migrations/012-merchant-prompts';
import * as operators from './migrations/013-operators';
import * as nodes from './migrations/014-nodes';
import * as agents from './migrations/015-agents';
import * as rateLimits from './migrations/016-rate-limits';
import * as nodeApps from './migrations/017-node-apps';
import * as asteriskServers from './migrations/018-asterisk-servers';
import * as callbackClaimedBy from './migrations/019-callback-claimed-by';
import * as claimOrderIndexes from './migrations/020-claim-order-indexes';

interface NamedMigration {
  name: string;
  migration: Knex.Migration;
}

/**
 * Listed here rather than read from a folder: knex would store names with their extension, and a
 * database migrated under tsx (.ts) would then look "corrupt" to the compiled build (.js).
 */
const MIGRATIONS: NamedMigration[] = [
  { name: '001-initial-schema', migration: initialSchema },
  { name: '002-idempotency-and-request-signing', migration: idempotencyAndRequestSigning },
  { name: '003-merchant-notifications', migration: merchantNotifications },
  { name: '004-callbacks-and-sms', migration: callbacksAndSms },
  { name: '005-payment-attempts', migration: paymentAttempts },
  { name: '006-card-fingerprints', migration: cardFingerprints },
  { name: '007-refunds', migration: refunds },
  { name: '008-reconciliation', migration: reconciliation },
  { name: '009-fees-and-settlement', migration: feesAndSettlement },
  { name: '010-merchant-language', migration: merchantLanguage },
  { name: '011-abandoned-call-sms', migration: abandonedCallSms },
  { name: '012-merchant-prompts', migration: merchantPrompts },
  { name: '013-operators', migration: operators },
  { name: '014-nodes', migration: nodes },
  { name: '015-agents', migration: agents },
  { name: '016-rate-limits', migration: rateLimits },
  { name: '017-node-apps', migration: nodeApps },
  { name: '018-asterisk-servers', migration: asteriskServers },
  { name: '019-callback-claimed-by', migration: callbackClaimedBy },
  { name: '020-claim-order-indexes', migration: claimOrderIndexes },
];

const migrationSource: Knex.MigrationSource<NamedMigration> = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
  getMigrationName: (m) => m.name,
  getMigration: (m) => Promise.resolve(m.migration),
};

/** The advisory lock key of migrations on PostgreSQL (any number unique to ivrpay's locks). */
const MIGRATION_LOCK = 0x1f4a_0002;

/**
 * Brings the schema to the latest migration. On PostgreSQL several nodes may start at once: knex's own lock makes
 * all but one fail ("Migration table is already locked"), so they wait their turn on an advisory lock instead, and
 * find nothing left to do.
 */
export async function migrateLatest(db: Knex): Promise<void> {
  if (dialectOf(db) !== 'postgres') {
    await db.migrate.latest({ migrationSource });
    return;
  }
  // A session lock on a connection of its own, held while knex migrates on others of the pool.
  const pool = db.client as { acquireConnection(): Promise<unknown>; releaseConnection(conn: unknown): Promise<void> };
  const conn = await pool.acquireConnection();
  try {
    await db.raw('select pg_advisory_lock(?)', [MIGRATION_LOCK]).connection(conn);
    try {
      await db.migrate.latest({ migrationSource });
    } finally {
      await db.raw('select pg_advisory_unlock(?)', [MIGRATION_LOCK]).connection(conn);
    }
  } finally {
    await pool.releaseConnection(conn);
  }
}

export interface MigrationState {
  /** The last migration applied to the database; undefined for an empty one. */
  current?: string;
  /** The last migration this code knows. */
  latest: string;
  /** Known, not applied. */
  pending: string[];
  /** Applied, not known to this code: a newer ivrpay migrated the database. */
  unknown: string[];
}

/** Where the database's schema stands against this code's list of migrations. */
export async function migrationState(db: Knex): Promise<MigrationState> {
  const applied = (await db('knex_migrations').orderBy('id').pluck('name')) as string[];
  const known = MIGRATIONS.map((m) => m.name);
  return {
    current: applied[applied.length - 1],
    latest: known[known.length - 1],
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !known.includes(name)),
  };
}

/** The name of the last migration this code knows. */
export function latestMigration(): string {
  return MIGRATIONS[MIGRATIONS.length - 1].name;
}

/** Whether this code knows the migration: a backup from a newer release is not restored by an older one. */
export function isKnownMigration(name: string): boolean {
  return MIGRATIONS.some((m) => m.name === name);
}

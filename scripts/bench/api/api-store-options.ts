import { UsageError } from '../lib/usage-error';

/** "1,2" → [1, 2]: whole numbers from 1, each once, in the order given; `option` names the flag in the error. */
export function parseCountList(option: string, text: string): number[] {
  const counts = text.split(',').map((part) => Number(part.trim()));
  if (counts.length === 0 || counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError(`${option}: whole numbers from 1, separated by commas, got ${text}`);
  if (new Set(counts).size !== counts.length) throw new UsageError(`${option}: each number once, got ${text}`);
  return counts;
}

export type BenchStore = 'sqlite' | 'postgres';

export function parseStore(text: string): BenchStore {
  if (text !== 'sqlite' && text !== 'postgres') throw new UsageError(`--store: sqlite or postgres, got ${text}`);
  return text;
}

/** Where the API's rate limits are counted: in the store, shared by the processes (the service on PostgreSQL), or in each. */
export type RateLimits = 'store' | 'memory';

export function parseRateLimits(text: string): RateLimits {
  if (text !== 'store' && text !== 'memory') throw new UsageError(`--rate-limits: store or memory, got ${text}`);
  return text;
}

/**
 * The options that belong to one store only: SQLite's run compares ivrpay with bare Express (and --against a
 * commit), PostgreSQL's compares process counts. A mix is refused rather than half-applied.
 */
export function checkStoreOptions(opts: {
  store: BenchStore;
  processes?: number[];
  databaseUrl?: string;
  rateLimits?: RateLimits;
  against?: string;
  only?: string;
  cpuProf?: boolean;
}): void {
  if (opts.store === 'sqlite') {
    if (opts.processes) throw new UsageError('--processes needs --store postgres');
    if (opts.databaseUrl) throw new UsageError('--database-url needs --store postgres');
    if (opts.rateLimits) throw new UsageError('--rate-limits needs --store postgres');
    return;
  }
  const sqliteOnly = [opts.against && '--against', opts.only && '--only', opts.cpuProf && '--cpu-prof'].filter(Boolean);
  if (sqliteOnly.length > 0) throw new UsageError(`${sqliteOnly.join(', ')}: not with --store postgres`);
}

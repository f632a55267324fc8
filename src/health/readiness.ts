import { within } from '../lib/within';

/** One check's answer: `ok`, and details safe to show anyone who can reach /readyz (no secrets, no URLs). */
export interface CheckResult {
  ok: boolean;
  [detail: string]: unknown;
}

export interface ReadinessCheck {
  name: string;
  run(): Promise<CheckResult>;
}

export interface ReadinessReport {
  status: 'ready' | 'not_ready';
  checks: Record<string, CheckResult>;
}

export interface Readiness {
  /** Runs every check now (each bounded by `timeoutMs`); a change of the verdict is reported to `onChange`. */
  check(): Promise<ReadinessReport>;
  /** The verdict of the last finished check; false before the first. */
  isReady(): boolean;
  /** Checks every `intervalMs` until stopped, so calls are refused soon after something breaks. */
  start(intervalMs: number): void;
  stop(): void;
}

export interface ReadinessOptions {
  checks: ReadinessCheck[];
  timeoutMs: number;
  onChange?: (ready: boolean, report: ReadinessReport) => void;
}

/** Ready when every check is ok; a check that throws or outlasts `timeoutMs` is not ok. */
export function createReadiness(opts: ReadinessOptions): Readiness {
  let ready = false;
  let checked = false;
  let timer: NodeJS.Timeout | undefined;

  async function runOne(check: ReadinessCheck): Promise<CheckResult> {
    const timedOut = () => new Error(`no answer within ${opts.timeoutMs} ms`);
    try {
      return await within(check.run(), { ms: opts.timeoutMs }, timedOut);
    } catch (err) {
      return { ok: false, error: safeError(err) };
    }
  }

  async function check(): Promise<ReadinessReport> {
    const results = await Promise.all(opts.checks.map(runOne));
    const checks = Object.fromEntries(opts.checks.map((c, i) => [c.name, results[i]]));
    const report: ReadinessReport = { status: results.every((r) => r.ok) ? 'ready' : 'not_ready', checks };
    const nowReady = report.status === 'ready';
    if (!checked || nowReady !== ready) {
      checked = true;
      ready = nowReady;
      opts.onChange?.(ready, report);
    }
    return report;
  }

  return {
    check,
    isReady: () => ready,
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => void check(), intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

/**
 * An error's code (ECONNREFUSED, SQLITE_READONLY) rather than its message, which may quote a path or a URL;
 * our own timeout's message is safe.
 */
function safeError(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (err instanceof Error && err.message.startsWith('no answer within')) return err.message;
  return err instanceof Error ? err.name : 'failed';
}

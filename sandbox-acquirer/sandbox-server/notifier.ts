import type { Logger } from 'pino';
import type { AcpFields } from '../../src/acquirer/acp/acp-fields';
import { encodeForm } from '../../src/acquirer/acp/form-codec';
import { postForm } from '../../src/acquirer/acp/post-form';
import type { TrafficLog } from './traffic-log';

/**
 * UnionPay's back-end notifications: POSTed (form-encoded, signed) to the request's backUrl; HTTP
 * 200 within 10 s is success, anything else is sent again. Five sends in all, waiting 0, 1, 2, 4
 * and 5 minutes before each (docs/reference/unionpay-acp.md §8.4; shortened in tests).
 */
export const UNIONPAY_NOTIFY_DELAYS_MS: readonly number[] = [0, 60_000, 120_000, 240_000, 300_000];

export interface NotifierOptions {
  delaysMs?: readonly number[];
  timeoutMs?: number;
  sign: (fields: AcpFields) => AcpFields;
  traffic: TrafficLog;
  now: () => Date;
  log: Logger;
}

export function createNotifier(opts: NotifierOptions) {
  const delays = opts.delaysMs ?? UNIONPAY_NOTIFY_DELAYS_MS;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let sent = 0;
  let stopped = false;

  async function attempt(url: string, fields: AcpFields, index: number): Promise<void> {
    const body = encodeForm(opts.sign(fields));
    const posted = await postForm(url, body, opts.timeoutMs ?? 10_000);
    sent += 1;
    const status = posted.kind === 'answered' ? posted.status : undefined;
    opts.traffic.record(
      { dir: 'notify', path: url, status, fields, note: posted.kind === 'answered' ? undefined : posted.error },
      opts.now(),
    );
    if (status === 200) return;
    opts.log.info({ orderId: fields.orderId, send: index + 1, status }, 'notification not accepted');
    schedule(url, fields, index + 1);
  }

  function schedule(url: string, fields: AcpFields, index: number): void {
    if (stopped || index >= delays.length) return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const run = attempt(url, fields, index).finally(() => running.delete(run));
      running.add(run);
    }, delays[index]);
    timers.add(timer);
  }

  return {
    /** `ZX|` (UnionPay's private-line prefix) is dropped: the sandbox has only the one line. */
    notify(backUrl: string, fields: AcpFields): void {
      schedule(backUrl.replace(/^ZX\|/, ''), fields, 0);
    },
    sentCount: () => sent,
    /** Resolves when no send is due or in flight (tests). */
    async idle(): Promise<void> {
      while (timers.size > 0 || running.size > 0) {
        await Promise.all([...running]);
        if (timers.size > 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
    },
    stop(): void {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

export type Notifier = ReturnType<typeof createNotifier>;

import type http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { NotifyFault } from './fault-plan';
import { count, type Tally } from './fault-tally';
import { answer, listen, post, readBody } from './http-relay';

/** How long a notification held back for reordering waits for a later one to overtake it. */
const REORDER_WAIT_MS = 800;

export interface NotifyFaultsOptions {
  /** The running service's base URL; undefined while it is down (killed, restarting). */
  service(): string | undefined;
  faults: readonly (NotifyFault | null)[];
  tally: Tally;
}

/**
 * The acquirer's notifications on their way to the service (its backUrl is this relay). Per notification:
 * - duplicate: relayed twice;
 * - late: relayed after 0.2 to 1.5 s;
 * - reorder: held until a later notification has been relayed (or 0.8 s), so it arrives after it;
 * - dropped: answered 503 without relaying: the acquirer sends it again on its schedule.
 * The acquirer gets the service's answer (502 while the service is down), so it resends what was not taken.
 */
export async function startNotifyFaults(opts: NotifyFaultsOptions) {
  let seq = 0;
  const overtaken = new Set<() => void>();

  async function relay(body: Buffer, contentType: string | undefined, path: string) {
    const base = opts.service();
    if (!base) return { status: 502, contentType: 'text/plain', body: Buffer.from('') };
    try {
      return await post(`${base}${path}`, body, contentType);
    } catch {
      return { status: 502, contentType: 'text/plain', body: Buffer.from('') };
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const n = seq++;
    const fault = opts.faults[n] ?? null;
    if (fault) count(opts.tally, `notification ${fault}`);
    if (fault === 'dropped') return answer(res, { status: 503, contentType: 'text/plain', body: Buffer.from('') });
    if (fault === 'late') await delay(200 + ((n * 313) % 1300));
    if (fault === 'reorder') {
      let release = () => undefined as void;
      const overtakenNow = new Promise<void>((resolve) => (release = resolve));
      overtaken.add(release);
      await Promise.race([overtakenNow, delay(REORDER_WAIT_MS)]);
      overtaken.delete(release);
    }
    const path = req.url ?? '/acquirer/notify';
    const relayed = await relay(body, req.headers['content-type'], path);
    if (fault !== 'reorder') {
      for (const release of overtaken) release();
    }
    if (fault === 'duplicate') await relay(body, req.headers['content-type'], path);
    answer(res, relayed);
  }

  const server = await listen(handle);
  return {
    /** The acquirer's backUrl for our notifications. */
    url: `${server.url}/acquirer/notify`,
    idle: server.idle,
    close: () => server.close(),
  };
}

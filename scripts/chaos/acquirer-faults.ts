import type http from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { SANDBOX_PATHS } from '../../sandbox-acquirer/sandbox-server/sandbox-gateway';
import type { AcquirerFault } from './fault-plan';
import { count, type Tally } from './fault-tally';
import { answer, listen, post, readBody, type Relayed } from './http-relay';

export interface AcquirerFaultsOptions {
  /** The sandbox acquirer's base URL. */
  target: string;
  /** By arrival order of the requests. */
  faults: readonly (AcquirerFault | null)[];
  /** The ACP adapter's timeout: a 'timeout' holds the answer past it. */
  clientTimeoutMs: number;
  tally: Tally;
  /** Runs with a consume's answer in hand, before it goes back: where the runner kills the service "after send". */
  beforeConsumeAnswer(consume: number): Promise<void>;
}

/**
 * The fault layer between the service and the acquirer, an HTTP relay. Per request:
 * - slow: relayed after a wait shorter than the adapter's timeout;
 * - timeout: relayed at once (the acquirer decides), its answer held until the adapter has given up;
 * - 5xx: answered 500, 502 or 503 by the layer, nothing relayed;
 * - reset: the connection reset before anything is relayed;
 * - answer-lost: relayed (the acquirer decides and commits), then the connection reset instead of the answer.
 * A request is never relayed after the adapter gave up on it: a consume reaching the acquirer after its queries
 * said "no such order" is a case only the reconciliation file settles (README, Reliability).
 */
export async function startAcquirerFaults(opts: AcquirerFaultsOptions) {
  let requests = 0;
  let consumes = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const seq = requests++;
    const path = new URL(req.url ?? '/', 'http://relay').pathname;
    const consume = path === SANDBOX_PATHS.backTrans && /(^|&)txnType=01(&|$)/.test(body.toString('latin1')) ? consumes++ : -1;
    const fault = opts.faults[seq] ?? null;
    if (fault) count(opts.tally, `acquirer ${fault}`);
    if (fault === '5xx')
      return answer(res, { status: [500, 502, 503][seq % 3], contentType: 'text/plain', body: Buffer.from('') });
    if (fault === 'reset') return void req.socket.destroy();
    // A fraction of the timeout that depends on nothing but the request's place, so a replay waits the same.
    if (fault === 'slow') await delay(Math.round(opts.clientTimeoutMs * (0.2 + (seq % 5) / 10)));
    let relayed: Relayed;
    try {
      relayed = await post(`${opts.target}${req.url ?? '/'}`, body, req.headers['content-type']);
    } catch {
      return answer(res, { status: 502, contentType: 'text/plain', body: Buffer.from('') });
    }
    if (consume >= 0) await opts.beforeConsumeAnswer(consume);
    if (fault === 'timeout') await delay(opts.clientTimeoutMs + 100);
    if (fault === 'answer-lost' || fault === 'timeout') return void req.socket.destroy();
    answer(res, relayed);
  }

  const server = await listen(handle);
  return {
    endpoints: {
      backTrans: server.url + SANDBOX_PATHS.backTrans,
      query: server.url + SANDBOX_PATHS.query,
      zonePinKey: server.url + SANDBOX_PATHS.zonePinKey,
      fileTransfer: server.url + SANDBOX_PATHS.fileTransfer,
    },
    idle: server.idle,
    close: () => server.close(),
  };
}

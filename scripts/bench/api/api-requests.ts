import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import type { ApiWorkerReady } from './api-worker';

/**
 * autocannon's request for one endpoint: POST /v1/orders with a new Idempotency-Key and merchantOrderId each
 * time, or GET /v1/orders/:id cycling through the worker's orders; on the bare server, /echo with the same body.
 */
export function requestFor(endpoint: 'post' | 'get', ready: ApiWorkerReady, bare: boolean): autocannon.Request {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (ready.apiKey) headers.authorization = `Bearer ${ready.apiKey}`;
  if (endpoint === 'get') {
    const ids = ready.orderIds ?? ['ord_0123456789abcdef0123'];
    let next = 0;
    return {
      method: 'GET',
      setupRequest: (req) => ({ ...req, headers, path: `${bare ? '/echo' : '/v1/orders'}/${ids[next++ % ids.length]}` }),
    };
  }
  const run = randomUUID().slice(0, 8);
  let n = 0;
  return {
    method: 'POST',
    path: bare ? '/echo' : '/v1/orders',
    setupRequest: (req) => {
      n += 1;
      const body = JSON.stringify({ merchantOrderId: `B${run}-${n}`, amount: 12345, currency: 'CNY', mode: 'inbound' });
      return { ...req, headers: { ...headers, 'idempotency-key': `${run}-${n}` }, body };
    },
  };
}

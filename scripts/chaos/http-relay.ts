import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Relayed {
  status: number;
  contentType: string | undefined;
  body: Buffer;
}

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** One POST to `url`, on a connection of its own; rejects when no whole answer comes. */
export function post(url: string, body: Buffer, contentType: string | undefined, timeoutMs = 15_000): Promise<Relayed> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      agent: false,
      timeout: timeoutMs,
      headers: { 'content-type': contentType ?? 'application/octet-stream', 'content-length': body.length },
    });
    req.on('timeout', () => req.destroy(new Error('relay timeout')));
    req.on('error', reject);
    req.on('response', (res) => {
      readBody(res).then(
        (answer) => resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'], body: answer }),
        reject,
      );
    });
    req.end(body);
  });
}

export function answer(res: http.ServerResponse, relayed: Relayed): void {
  if (res.destroyed) return;
  res.writeHead(relayed.status, {
    ...(relayed.contentType ? { 'content-type': relayed.contentType } : {}),
    'content-length': relayed.body.length,
  });
  res.end(relayed.body);
}

export interface Listening {
  url: string;
  /** No request is being handled: the run's checker waits for this before it reads the history. */
  idle: () => boolean;
  close: () => Promise<void>;
}

/** An HTTP server on a free loopback port; a handler that throws answers 500. */
export async function listen(handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>): Promise<Listening> {
  let inFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight += 1;
    handle(req, res)
      .catch(() => {
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end();
      })
      .finally(() => (inFlight -= 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    idle: () => inFlight === 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

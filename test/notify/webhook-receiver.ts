import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The bytes as received, which is what a signature covers. */
  rawBody: string;
}

export type Responder = (req: ReceivedRequest, res: http.ServerResponse) => void;

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** Answers the next requests with this (default: 200). */
  respondWith(responder: Responder): void;
  close(): Promise<void>;
}

/** A merchant's endpoint: a real HTTP server on 127.0.0.1 and a free port, recording every request. */
export async function startWebhookReceiver(path = '/hooks/ivrpay'): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let responder: Responder = (_req, res) => res.writeHead(200).end('ok');
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      responder(request, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    respondWith: (r) => {
      responder = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

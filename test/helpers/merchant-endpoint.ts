import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MerchantEndpoint {
  url: string;
  received: Array<{ body: string; signature: string | undefined; eventId: string | undefined }>;
  close(): Promise<void>;
}

/** A merchant's notification endpoint: keeps each POST's raw body and signature header, answers 200. */
export async function startMerchantEndpoint(): Promise<MerchantEndpoint> {
  const received: MerchantEndpoint['received'] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: req.headers['ivrpay-signature'] as string | undefined,
        eventId: req.headers['ivrpay-event-id'] as string | undefined,
      });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ivrpay`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Application } from 'express';

export interface RunningHttpServer {
  server: http.Server;
  address: AddressInfo;
  /** Stops accepting connections, lets requests in progress finish, then resolves. */
  close(): Promise<void>;
}

/** Listens on host:port (port 0 picks a free one, for tests). */
export async function startHttpServer(app: Application, host: string, port: number): Promise<RunningHttpServer> {
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    address: server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

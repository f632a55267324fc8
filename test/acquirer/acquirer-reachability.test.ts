import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createAcquirerReachability } from '../../src/acquirer/acquirer-reachability';

async function listening(): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let count = 0;
  const server = net.createServer((socket) => {
    count += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => count,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function freePort(): Promise<number> {
  const server = await listening();
  await server.close();
  return server.port;
}

describe('acquirer/acquirer-reachability', () => {
  it('when the endpoint accepts a connection, then it is reachable; within cacheMs the answer is reused', async () => {
    const server = await listening();
    let now = new Date('2026-03-01T08:00:00.000Z');
    const reachable = createAcquirerReachability({
      url: `http://127.0.0.1:${server.port}/gateway/api/backTransReq.do`,
      timeoutMs: 1000,
      cacheMs: 15_000,
      now: () => now,
    });
    try {
      expect(await reachable()).to.deep.equal({ ok: true, checkedAt: '2026-03-01T08:00:00.000Z' });
      now = new Date('2026-03-01T08:00:10.000Z');
      await Promise.all([reachable(), reachable()]);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.connections()).to.equal(1);

      now = new Date('2026-03-01T08:00:16.000Z');
      expect(await reachable()).to.deep.equal({ ok: true, checkedAt: '2026-03-01T08:00:16.000Z' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(server.connections()).to.equal(2);
    } finally {
      await server.close();
    }
  });

  it('when nothing listens, then it is unreachable with the error code', async () => {
    const port = await freePort();
    const reachable = createAcquirerReachability({
      url: `http://127.0.0.1:${port}/x`,
      timeoutMs: 1000,
      cacheMs: 0,
      now: () => new Date('2026-03-01T08:00:00.000Z'),
    });
    expect(await reachable()).to.deep.equal({ ok: false, checkedAt: '2026-03-01T08:00:00.000Z', error: 'ECONNREFUSED' });
  });

  it('when the connection does not open in time, then it is unreachable: timeout; https without a port means 443', async () => {
    const asked: [number, string][] = [];
    const reachable = createAcquirerReachability({
      url: 'https://acquirer.example/gateway/api/backTransReq.do',
      timeoutMs: 30,
      cacheMs: 0,
      now: () => new Date('2026-03-01T08:00:00.000Z'),
      connect: (port, host) => {
        asked.push([port, host]);
        return new net.Socket();
      },
    });
    expect(await reachable()).to.deep.include({ ok: false, error: 'timeout' });
    expect(asked).to.deep.equal([[443, 'acquirer.example']]);
  });
});

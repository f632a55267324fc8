import type { EventEmitter } from 'node:events';
import type { Client } from 'ari-client';
import type { Logger } from 'pino';

/** ari-client 2.x keeps its WebSocket (the `ws` package) as `_ws`: a new one per (re)connection. */
interface SocketHolder {
  _ws?: { on(event: 'message', listener: (data: unknown) => void): unknown };
}

function byteLength(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (Buffer.isBuffer(data) || data instanceof ArrayBuffer) return data.byteLength;
  return 0;
}

/**
 * Reports the size in bytes of every message the client's WebSocket receives, one call per ARI event, across
 * reconnections: bench:calls measures what our events cost Asterisk to send (issue 16). ari-client exposes no
 * hook for it, so its socket is taken when it opens; ari-client emits 'WebSocketConnected' on open, before
 * any message can arrive. Register before `client.start`. Without a socket to watch nothing is counted, and
 * the log says so once per connection.
 */
export function observeRawEvents(client: Client, onRawEvent: (bytes: number) => void, log: Logger): void {
  const emitter = client as unknown as EventEmitter;
  emitter.on('WebSocketConnected', () => {
    const socket = (client as unknown as SocketHolder)._ws;
    if (!socket) {
      log.warn('ARI events cannot be measured: ari-client no longer keeps its WebSocket in _ws');
      return;
    }
    socket.on('message', (data) => onRawEvent(byteLength(data)));
  });
}

import { EventEmitter } from 'node:events';
import type { Client } from 'ari-client';
import { expect } from 'chai';
import pino from 'pino';
import { observeRawEvents } from '../../src/ari/raw-event-observer';

class FakeSocketClient extends EventEmitter {
  _ws: EventEmitter | undefined;

  open(): EventEmitter {
    this._ws = new EventEmitter();
    this.emit('WebSocketConnected');
    return this._ws;
  }
}

describe('ari/observeRawEvents', () => {
  it('when messages arrive, then each one reports its size in bytes (UTF-8), across a reconnection', () => {
    const client = new FakeSocketClient();
    const sizes: number[] = [];
    observeRawEvents(client as unknown as Client, (bytes) => sizes.push(bytes), pino({ level: 'silent' }));
    const first = client.open();
    first.emit('message', '{"type":"StasisStart"}');
    first.emit('message', '{"name":"线路"}'); // 13 characters, 17 bytes
    const second = client.open();
    second.emit('message', Buffer.from('{}'));
    expect(sizes).to.deep.equal([22, 17, 2]);
  });

  it('when the client keeps no socket, then nothing is counted and the log says why', () => {
    const client = new FakeSocketClient();
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    observeRawEvents(client as unknown as Client, () => expect.fail('counted'), log);
    client.emit('WebSocketConnected');
    expect(lines.join()).to.include('cannot be measured');
  });
});

import { EventEmitter } from 'node:events';
import type { Client } from 'ari-client';

export interface FakeRequest {
  op: string;
  params: Record<string, unknown>;
}

/**
 * Stands in for an ari-client Client: an EventEmitter with the REST methods the app uses. Playbacks
 * finish by themselves on the next tick (like a missing file) unless `autoFinish` is off.
 */
export class FakeAriClient extends EventEmitter {
  readonly requests: FakeRequest[] = [];
  readonly startedApps: string[] = [];
  stopped = false;
  autoFinish = true;
  channelList: unknown[] = [];
  listedAfterStop = 0;
  /** Replaces every REST answer, e.g. with a promise that never settles. */
  respond: (op: string) => Promise<unknown> = () => Promise.resolve();

  readonly channels = {
    answer: (p: Record<string, unknown>) => this.request('channels.answer', p),
    play: (p: Record<string, unknown>) => {
      const answer = this.request('channels.play', p);
      if (this.autoFinish) {
        setImmediate(() =>
          this.event('PlaybackFinished', {
            playback: { id: p.playbackId, state: 'done', target_uri: `channel:${String(p.channelId)}` },
          }),
        );
      }
      return answer;
    },
    hangup: (p: Record<string, unknown>) => this.request('channels.hangup', p),
    setChannelVar: (p: Record<string, unknown>) => this.request('channels.setChannelVar', p),
    list: () => this.request('channels.list', {}).then(() => this.channelList),
    continueInDialplan: (p: Record<string, unknown>) => this.request('channels.continueInDialplan', p),
    originate: (p: Record<string, unknown>) => this.request('channels.originate', p),
  };
  readonly playbacks = {
    stop: (p: Record<string, unknown>) => this.request('playbacks.stop', p),
  };
  readonly applications = {
    filter: (p: Record<string, unknown>) => this.request('applications.filter', p),
    /** Asterisk lists the app until `listedAfterStop` more asks after stop(), then answers 404. */
    get: (p: Record<string, unknown>) => {
      if (this.stopped && this.listedAfterStop-- <= 0)
        return Promise.reject(Object.assign(new Error('Not Found'), { statusCode: 404 }));
      return this.request('applications.get', p);
    },
  };

  start(app: string): Promise<void> {
    this.startedApps.push(app);
    return Promise.resolve();
  }

  stop(): void {
    this.stopped = true;
  }

  asClient(): Client {
    return this as unknown as Client;
  }

  /** Emits an event the way ari-client does: (event, resource). */
  event(type: string, fields: Record<string, unknown>): void {
    this.emit(type, { type, application: 'test', timestamp: '', ...fields }, undefined);
  }

  ops(op: string): Record<string, unknown>[] {
    return this.requests.filter((r) => r.op === op).map((r) => r.params);
  }

  private request(op: string, params: Record<string, unknown>): Promise<unknown> {
    this.requests.push({ op, params });
    return this.respond(op);
  }
}

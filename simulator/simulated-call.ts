import type { Logger } from 'pino';
import { errorSummary } from '../src/log/error-summary';
import { FIELD_VARIABLE } from '../src/ari/ari-call';

/** The dialplan fallback sets it on the channel when the IVR app is down. */
export const FALLBACK_VARIABLE = 'IVRPAY_FALLBACK';

export interface SimulatedCallOptions {
  /** e.g. 'Local/123456@ivrpay-inbound-test' */
  endpoint: string;
  /**
   * Field name → keys to press, terminator included (e.g. '123456#'). A list gives successive answers
   * to repeated asks of that field; once used up, or for an unknown field, the caller stays silent.
   */
  answers: Record<string, string | string[]>;
  /** The caller hangs up (mid-collect) when the IVR asks for this field. */
  hangupAfterField?: string;
  /** Told each field as the IVR asks for it, before any key is sent (e.g. a test that kills the IVR's node then). */
  onAsked?: (field: string) => void;
  timeoutMs: number;
}

export interface SimulatedCallResult {
  /** Field names in the order the IVR asked for them (from the IVRPAY_FIELD channel variable). */
  fieldsAsked: string[];
  /** Prompt ids the IVR started playing (from PlaybackStarted on the IVR's channel). */
  promptsHeard: string[];
  /**
   * The silence after each answer: from its last key reaching the IVR to the next prompt starting (Asterisk's
   * event times), in the order keyed. An answer with a `#` the field does not need (one that ends on its last
   * digit) is measured to that `#`, so the demo keys fixed-length fields without it.
   */
  silences: { field: string; ms: number }[];
  /** 'disconnected': the caller's own ARI connection dropped, so the end was not seen. */
  hungUpBy: 'ivr' | 'caller' | 'timeout' | 'disconnected';
  /** The dialplan fallback ran: the IVR app was not there, or its node died mid-call. */
  fallback: boolean;
  /** When the fallback ran (Asterisk's event time, ms since the epoch). */
  fallbackAt?: number;
}

export interface SimulatedCallOps {
  sendDtmf(channelId: string, dtmf: string): Promise<void>;
  hangup(channelId: string): Promise<void>;
}

export interface SimEvent {
  type: string;
  channel?: { id: string; name?: string };
  /** StasisStart: the Stasis() arguments. */
  args?: string[];
  variable?: string;
  value?: string;
  playback?: { media_uri: string; target_uri: string };
  /** ChannelDtmfReceived: the key. */
  digit?: string;
  /** When Asterisk raised the event (ISO 8601). */
  timestamp?: string;
}

/**
 * One simulated cardholder on a Local channel pair: `localId` (;1) is ours, in the caller app;
 * `peerId` (;2) is in the IVR app. The originating app is subscribed to both halves, so it sees the
 * IVR's variables and playbacks on ;2, and keys sent on ;1 arrive as DTMF on ;2.
 */
export class SimulatedCall {
  readonly result: Promise<SimulatedCallResult>;
  private readonly fieldsAsked: string[] = [];
  private readonly promptsHeard: string[] = [];
  private readonly silences: SimulatedCallResult['silences'] = [];
  /** The answer being keyed, and how many of its keys have reached the IVR. */
  private keying: { field: string; keys: string; arrived: number } | undefined;
  private lastKey: { field: string; at: number } | undefined;
  private fallback = false;
  private fallbackAt: number | undefined;
  private ended = false;
  private hungUpBy: SimulatedCallResult['hungUpBy'] | undefined;
  private ready!: () => void;
  private readonly inStasis = new Promise<void>((resolve) => (this.ready = resolve));
  private sending = Promise.resolve();
  private resolve!: (result: SimulatedCallResult) => void;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly localId: string,
    readonly peerId: string,
    private readonly options: SimulatedCallOptions,
    private readonly ops: SimulatedCallOps,
    private readonly log: Logger,
  ) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    this.timer = setTimeout(() => this.hangUp('timeout'), options.timeoutMs);
  }

  handle(event: SimEvent): void {
    if (this.ended) return;
    const channelId = event.channel?.id;
    if (event.type === 'StasisStart' && channelId === this.localId) this.ready();
    else if (event.type === 'ChannelVarset' && channelId === this.peerId) {
      if (event.variable === FIELD_VARIABLE && event.value) this.asked(event.value);
      if (event.variable === FALLBACK_VARIABLE) {
        this.fallback = true;
        this.fallbackAt = timeOf(event);
      }
    } else if (event.type === 'PlaybackStarted' && event.playback?.target_uri === `channel:${this.peerId}`) {
      this.promptsHeard.push(event.playback.media_uri.split('/').pop() ?? '');
      if (this.lastKey) this.silences.push({ field: this.lastKey.field, ms: timeOf(event) - this.lastKey.at });
      this.lastKey = undefined;
    } else if (event.type === 'ChannelDtmfReceived' && channelId === this.peerId) {
      this.keyArrived(event);
    } else if (event.type === 'ChannelDestroyed' && (channelId === this.localId || channelId === this.peerId)) {
      this.end(this.hungUpBy ?? 'ivr');
    }
  }

  end(by: SimulatedCallResult['hungUpBy']): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    const { fieldsAsked, promptsHeard, silences, fallback, fallbackAt } = this;
    this.resolve({ fieldsAsked, promptsHeard, silences, hungUpBy: by, fallback, ...(fallbackAt ? { fallbackAt } : {}) });
  }

  private asked(field: string): void {
    this.fieldsAsked.push(field);
    this.options.onAsked?.(field);
    if (field === this.options.hangupAfterField) {
      // A moment later, so the IVR is really inside the collect.
      setTimeout(() => this.hangUp('caller'), 300);
      return;
    }
    const answer = this.answerFor(field, this.fieldsAsked.filter((f) => f === field).length - 1);
    if (!answer) return;
    this.keying = { field, keys: answer, arrived: 0 };
    // Keys can only be sent once our half is in the app (answered), which may come just after the ask.
    this.sending = this.sending
      .then(() => this.inStasis)
      .then(() => this.ops.sendDtmf(this.localId, answer))
      .catch((err: unknown) => {
        this.log.warn({ field, err: errorSummary(err, { withMessage: true }) }, 'simulated caller: sending keys failed');
      });
  }

  /** Keys are matched in order, so a `#` left over from the field before is not taken for this answer's. */
  private keyArrived(event: SimEvent): void {
    const keying = this.keying;
    if (!keying || event.digit !== keying.keys[keying.arrived]) return;
    keying.arrived += 1;
    if (keying.arrived < keying.keys.length) return;
    this.lastKey = { field: keying.field, at: timeOf(event) };
    this.keying = undefined;
  }

  private answerFor(field: string, askIndex: number): string | undefined {
    const answer = this.options.answers[field];
    return Array.isArray(answer) ? answer[askIndex] : answer;
  }

  private hangUp(by: 'caller' | 'timeout'): void {
    this.hungUpBy ??= by;
    this.ops.hangup(this.localId).catch((err: unknown) => {
      this.log.warn({ err: errorSummary(err, { withMessage: true }) }, 'simulated caller: hang-up failed');
      this.end(by);
    });
  }
}

function timeOf(event: SimEvent): number {
  return event.timestamp ? Date.parse(event.timestamp) : Date.now();
}

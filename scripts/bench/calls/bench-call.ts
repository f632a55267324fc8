import { ANSWERS, EXPECTED_FIELDS, FIELD_PROMPT, SUCCESS_PROMPT } from './call-plan';

export type DriveMode = 'app' | 'dialplan';

/** One key-to-prompt interval, both ends on Asterisk's clock (event timestamps, ms since the epoch). */
export interface KeyToPrompt {
  field: string;
  /** DTMF end of the field's last key on the IVR's channel. */
  keyAt: number;
  /** The next prompt started: PlaybackStarted (app) or the Playback() application (dialplan). */
  promptAt: number;
}

export interface DrivenCall {
  /** The IVR's half of the Local channel: the Stasis app's call id. */
  peerId: string;
  failure?: string;
  fieldsAsked: string[];
  /** Every prompt that started on the IVR's side, by name (e.g. 'enter-card'), in order. */
  prompts: string[];
  timings: KeyToPrompt[];
  /** Wall clock (ms): originate sent, our half answered, call gone. */
  startedAt: number;
  answeredAt?: number;
  endedAt: number;
}

/** The slice of ARI events the driver reads. Digits are only counted, never kept. */
export interface DriverEvent {
  type: string;
  timestamp?: string;
  channel?: { id: string; dialplan?: { app_name?: string; app_data?: string } };
  dialplan_app?: string;
  dialplan_app_data?: string;
  variable?: string;
  value?: string;
  playback?: { media_uri: string; target_uri: string };
}

export interface BenchCallOps {
  sendKeys(channelId: string, keys: string): Promise<void>;
  hangup(channelId: string): Promise<void>;
}

const FIELD_VARIABLE = 'IVRPAY_FIELD';
/** 'sound:/…/zh/enter-card' (app) or '/…/zh/enter-card' (the baseline's Playback()) → 'enter-card'. */
const promptName = (media: string) =>
  media
    .replace(/^sound:/, '')
    .split('/')
    .pop() ?? '';
const PROMPT_FIELD = new Map(Object.entries(FIELD_PROMPT).map(([field, prompt]) => [prompt, field]));

/**
 * A cardholder who listens: it keys a field's answer once the field's prompt has finished, then
 * times the field's last key to the start of the next prompt. The baseline names the field in
 * IVRPAY_FIELD right after its prompt. For the app, the end of the field's own prompt (FIELD_PROMPT)
 * is the question: so the benchmark does not depend on the app's IVRPAY_FIELD, which production may
 * turn off, and which Asterisk may even deliver after the prompt (it queues behind the playback).
 */
export class BenchCall {
  readonly done: Promise<DrivenCall>;
  private readonly fieldsAsked: string[] = [];
  private readonly prompts: string[] = [];
  private readonly timings: KeyToPrompt[] = [];
  private failure: string | undefined;
  private heardSuccess = false;
  private answeredAt: number | undefined;
  private markAnswered!: () => void;
  private readonly answered = new Promise<void>((resolve) => (this.markAnswered = resolve));
  private keysToCome: { field: string; count: number } | undefined;
  private lastKey: { field: string; at: number } | undefined;
  private finish!: (call: DrivenCall) => void;
  private ended = false;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(
    readonly localId: string,
    readonly peerId: string,
    private readonly mode: DriveMode,
    private readonly ops: BenchCallOps,
    timeoutMs: number,
    private readonly startedAt = Date.now(),
  ) {
    this.done = new Promise((resolve) => (this.finish = resolve));
    this.timer = setTimeout(() => this.fail('timeout'), timeoutMs);
  }

  handle(event: DriverEvent): void {
    if (this.ended) return;
    const onPeer = event.channel?.id === this.peerId;
    const at = event.timestamp ? Date.parse(event.timestamp) : Date.now();
    switch (event.type) {
      case 'StasisStart':
        if (event.channel?.id === this.localId) {
          this.answeredAt = Date.now();
          this.markAnswered();
        }
        break;
      case 'ChannelVarset':
        if (this.mode === 'dialplan' && onPeer && event.variable === FIELD_VARIABLE && event.value) this.asked(event.value);
        break;
      case 'PlaybackStarted':
        if (event.playback?.target_uri === `channel:${this.peerId}`) this.promptStarted(at, event.playback.media_uri);
        break;
      case 'PlaybackFinished':
        // A list's PlaybackFinished names its last item.
        if (this.mode === 'app' && event.playback?.target_uri === `channel:${this.peerId}`) {
          const field = PROMPT_FIELD.get(event.playback.media_uri.split('/').pop() ?? '');
          if (field) this.asked(field);
        }
        break;
      case 'ChannelDialplan':
        if (onPeer && event.dialplan_app === 'Playback') this.promptStarted(at, event.dialplan_app_data ?? '');
        break;
      case 'ChannelDtmfReceived':
        if (onPeer && this.keysToCome && --this.keysToCome.count === 0) {
          this.lastKey = { field: this.keysToCome.field, at };
          this.keysToCome = undefined;
        }
        break;
      case 'ChannelDestroyed':
        if (event.channel?.id === this.localId || onPeer) this.end();
        break;
    }
  }

  /** Ends the call from our side, e.g. when the driver lost its connection. */
  fail(why: string): void {
    if (this.ended) return;
    this.failure ??= why;
    // A channel that never existed, or whose end we miss, must not hold the benchmark up.
    const endSoon = () => setTimeout(() => this.end(), 5_000);
    this.ops.hangup(this.localId).then(endSoon, endSoon);
  }

  private asked(field: string): void {
    this.fieldsAsked.push(field);
    this.key(field);
  }

  private key(field: string): void {
    const keys = ANSWERS[field];
    if (keys === undefined) return this.fail(`unexpected field ${field}`);
    this.keysToCome = { field, count: keys.length };
    this.answered.then(() => this.ops.sendKeys(this.localId, keys)).catch(() => this.fail('sending keys failed'));
  }

  private promptStarted(at: number, media: string): void {
    this.prompts.push(promptName(media));
    if (media.includes(SUCCESS_PROMPT)) this.heardSuccess = true;
    if (!this.lastKey) return;
    this.timings.push({ field: this.lastKey.field, keyAt: this.lastKey.at, promptAt: at });
    this.lastKey = undefined;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    if (!this.failure && this.fieldsAsked.join() !== EXPECTED_FIELDS.join()) this.failure = 'wrong fields asked';
    if (!this.failure && !this.heardSuccess) this.failure = 'no success prompt';
    const { peerId, fieldsAsked, prompts, timings, startedAt, answeredAt, failure } = this;
    const endedAt = Date.now();
    this.finish({ peerId, fieldsAsked, prompts, timings, startedAt, answeredAt, endedAt, ...(failure ? { failure } : {}) });
  }
}

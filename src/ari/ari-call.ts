import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { CallPort, Collected, CollectOptions, Language } from '../call/call-port';
import { CallerHungUpError, throwIfHungUp } from '../call/caller-hung-up';
import type { SoundId } from '../call/call-port';
import { within } from '../lib/within';
import { errorSummary } from '../log/error-summary';
import type { AriOps } from './ari-ops';
import { isChannelGone } from './ari-not-found';
import type { CallEvent } from './call-event';
import { collectKeys } from './collect-keys';
import type { SoundLibrary } from '../sounds/sound-library';

/** Channel variable naming the field being collected: test drivers watch it (ChannelVarset). Never digits. */
export const FIELD_VARIABLE = 'IVRPAY_FIELD';

/**
 * Keys kept while no collect runs. A whole payment keyed ahead, pay code to confirmation, is about 60 keys; a storm
 * of events beyond this (a broken phone, a flood) is dropped rather than held (README, "Keypad fields").
 */
export const MAX_TYPE_AHEAD = 128;

export interface AriCallDeps {
  channelId: string;
  ops: AriOps;
  /** Where each prompt's file is (recorded or generated), readable by Asterisk. */
  sounds: SoundLibrary;
  language: Language;
  /** Dialplan context of handBack (RETURN_CONTEXT). */
  returnContext: string;
  /** Sets FIELD_VARIABLE before each field (ARI_FIELD_VARIABLE): for simulated cardholders only. */
  fieldVariable?: boolean;
  log: Logger;
  /**
   * Receives 'prompt' {callId, prompts}, 'collect' {callId, field} and 'key-to-prompt' {callId, seconds}: names and
   * durations only, for tests and metrics.
   */
  events?: EventEmitter;
  newPlaybackId?: () => string;
  /** Milliseconds on a monotonic clock, for 'key-to-prompt'; performance.now unless set (tests). */
  clock?: () => number;
}

/**
 * One ARI channel seen as a CallPort. It gets its events from the app's dispatcher through
 * `handleEvent`, so it registers no listener on the ari-client and leaks none.
 */
export class AriCall implements CallPort {
  readonly id: string;
  readonly signal: AbortSignal;
  language: Language;
  private readonly controller = new AbortController();
  private readonly playbackEnds = new Map<string, (failed: boolean) => void>();
  /** Keys pressed while no collect runs; the next collect consumes them unless it flushes. */
  private typeAhead: string[] = [];
  private keyListener: ((key: string) => void) | undefined;
  private droppedKeys = 0;
  /** When the last collect ended on a key (clock ms): the next prompt's request is timed from it, once. */
  private answeredAt: number | undefined;

  constructor(private readonly deps: AriCallDeps) {
    this.id = deps.channelId;
    this.signal = this.controller.signal;
    this.language = deps.language;
  }

  handleEvent(event: CallEvent): void {
    if (this.signal.aborted) return;
    if (event.type === 'dtmf') {
      if (this.keyListener) this.keyListener(event.digit);
      else if (this.typeAhead.length < MAX_TYPE_AHEAD) this.typeAhead.push(event.digit);
      else this.dropKey();
    } else if (event.type === 'playback-finished') {
      const onEnd = this.playbackEnds.get(event.playbackId);
      this.playbackEnds.delete(event.playbackId);
      onEnd?.(event.failed);
    } else {
      this.abort('hangup');
    }
  }

  /** Ends the call for the script: every pending and later method rejects with CallerHungUpError. */
  abort(why: string): void {
    if (this.signal.aborted) return;
    this.deps.log.debug({ callId: this.id, why }, 'call aborted');
    this.playbackEnds.clear();
    this.typeAhead = [];
    this.controller.abort(new CallerHungUpError(this.id));
  }

  async answer(): Promise<void> {
    await this.guard(this.deps.ops.answer(this.id));
  }

  async play(prompts: SoundId[]): Promise<void> {
    throwIfHungUp(this.signal, this.id);
    if (prompts.length === 0) return;
    const playbackId = this.newPlaybackId();
    const ended = new Promise<void>((resolve) => this.startPrompts(playbackId, prompts, resolve));
    try {
      await this.guard(this.sendPlay(playbackId, prompts, this.takeAnsweredAt()));
      await this.guard(ended);
    } finally {
      this.playbackEnds.delete(playbackId);
    }
  }

  async collect(options: CollectOptions): Promise<Collected> {
    throwIfHungUp(this.signal, this.id);
    if (this.keyListener) throw new Error('collect already running on this call');
    if (options.flush) this.typeAhead = [];
    // Taken now: a collect answered from type-ahead plays nothing, and a later prompt is not this key's answer.
    const answeredAt = this.takeAnsweredAt();
    // Awaited before the prompts: Asterisk runs a playback on the channel's own thread, and a variable request
    // that reaches it after the play request waits until the prompt has ended (CI saw it pass the 5 s request
    // timeout, so the simulated cardholder keyed each field a prompt late). Keys pressed meanwhile are typed ahead.
    await this.announceField(options.field);
    throwIfHungUp(this.signal, this.id);
    const collected = await collectKeys(options, {
      signal: this.signal,
      hungUp: () => new CallerHungUpError(this.id),
      typeAhead: this.typeAhead,
      listen: (onKey) => {
        this.keyListener = onKey;
        return () => {
          this.keyListener = undefined;
        };
      },
      playPrompts: (prompts, onEnd) => {
        const playbackId = this.newPlaybackId();
        this.startPrompts(playbackId, prompts, onEnd);
        return {
          sent: this.sendPlay(playbackId, prompts, answeredAt),
          stop: () => this.stopPlayback(playbackId),
        };
      },
    });
    // A timeout is the caller's pause, not a key waiting for our answer.
    if (collected.reason !== 'timeout') this.answeredAt = this.clock();
    return collected;
  }

  async hangup(): Promise<void> {
    throwIfHungUp(this.signal, this.id);
    // Ended first: the hang-up event may arrive before the request's answer, and it is not the caller's doing.
    this.abort('ivr hung up');
    await this.deps.ops.hangup(this.id);
  }

  async handBack(extension: string, variables: Record<string, string>): Promise<void> {
    throwIfHungUp(this.signal, this.id);
    for (const [name, value] of Object.entries(variables)) await this.guard(this.deps.ops.setVar(this.id, name, value));
    await this.guard(this.deps.ops.continueInDialplan(this.id, this.deps.returnContext, extension));
    // Ended for the script, as after a hang-up: the channel is the dialplan's now, and the app must not hang it up.
    this.abort('handed back to the dialplan');
  }

  private dropKey(): void {
    // Logged once a call: a storm must not become a storm of log lines.
    if (this.droppedKeys++ === 0) this.deps.log.warn({ callId: this.id, limit: MAX_TYPE_AHEAD }, 'typed-ahead keys dropped');
  }

  private clock(): number {
    return (this.deps.clock ?? performance.now.bind(performance))();
  }

  private takeAnsweredAt(): number | undefined {
    const at = this.answeredAt;
    this.answeredAt = undefined;
    return at;
  }

  private newPlaybackId(): string {
    return (this.deps.newPlaybackId ?? randomUUID)();
  }

  /** Registers the end handler before the request, so a fast PlaybackFinished is not missed. */
  private startPrompts(playbackId: string, prompts: SoundId[], onEnd: () => void): void {
    this.playbackEnds.set(playbackId, (failed) => {
      // Missing file: the script goes on; only prompt ids are logged.
      if (failed) this.deps.log.warn({ callId: this.id, prompts }, 'prompt playback failed');
      onEnd();
    });
  }

  /** `answeredAt`: the key this prompt answers, if any (README, "Metrics and alerts": key → next prompt). */
  private async sendPlay(playbackId: string, prompts: SoundId[], answeredAt?: number): Promise<void> {
    const { sounds, ops, events } = this.deps;
    const media = prompts.map((id) => `sound:${sounds.file(this.language, id)}`);
    events?.emit('prompt', { callId: this.id, prompts });
    if (answeredAt !== undefined) events?.emit('key-to-prompt', { callId: this.id, seconds: (this.clock() - answeredAt) / 1000 });
    try {
      await ops.play(this.id, playbackId, media, this.language);
    } catch (err) {
      this.playbackEnds.delete(playbackId);
      throw this.gone(err);
    }
  }

  private stopPlayback(playbackId: string): void {
    this.playbackEnds.delete(playbackId);
    this.deps.ops.stopPlayback(playbackId).catch((err: unknown) => {
      this.deps.log.debug({ callId: this.id, err: errorSummary(err, { withMessage: true }) }, 'stopping a playback failed');
    });
  }

  private async announceField(field: string): Promise<void> {
    this.deps.events?.emit('collect', { callId: this.id, field });
    if (!this.deps.fieldVariable) return;
    // Only for test drivers: a failure must not disturb the call.
    await this.deps.ops.setVar(this.id, FIELD_VARIABLE, field).catch((err: unknown) => {
      this.deps.log.debug(
        { callId: this.id, err: errorSummary(err, { withMessage: true }) },
        'setting the field variable failed',
      );
    });
  }

  /** A request failing because the channel is gone means the caller hung up. */
  private gone(err: unknown): unknown {
    if (!isChannelGone(err)) return err;
    this.abort('channel gone');
    return new CallerHungUpError(this.id);
  }

  /** Rejects with CallerHungUpError as soon as the call ends, even if `work` never settles. */
  private guard<T>(work: Promise<T>): Promise<T> {
    const settled = work.catch((err: unknown) => {
      throw this.gone(err);
    });
    return within(settled, { signal: this.signal }, () => new CallerHungUpError(this.id));
  }
}

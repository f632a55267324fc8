import type { CallPort, Collected, CollectOptions, SoundId } from '../call/call-port';
import { CallPortWrapper } from '../call/call-port-wrapper';
import type { CaptureField } from './agent-desk';
import { captureFieldOf, type CaptureProgress } from './capture-progress';

/** The agent cancelled the capture, or asked for a field again: thrown into the capture script at its next step. */
export class CaptureInterrupted extends Error {
  constructor(
    readonly kind: 'cancel' | 'ask-again',
    readonly field?: CaptureField,
  ) {
    super(kind === 'cancel' ? 'capture cancelled by the agent' : `the agent asked for ${field} again`);
    this.name = 'CaptureInterrupted';
  }
}

/**
 * The cardholder's channel as a capture sees it: the IVR's steps run over it unchanged, while each field's
 * progress (asked, digits so far for the card number, entered) goes to the agent's view, and the agent can
 * interrupt the field being keyed. It never ends the call: the cardholder stays with the agent.
 */
export class CaptureCall extends CallPortWrapper {
  private pending: CaptureInterrupted | undefined;
  private current: AbortController | undefined;
  /** Keys pressed while the cardholder talked with the agent are not the card's first digits. */
  private first = true;

  constructor(
    inner: CallPort,
    private readonly progress: CaptureProgress,
  ) {
    super(inner);
  }

  /** Stops the field being keyed now, or else the next step, with `reason`. */
  interrupt(reason: CaptureInterrupted): void {
    this.pending = reason;
    this.current?.abort(reason);
  }

  override async play(prompts: SoundId[]): Promise<void> {
    this.throwPending();
    await this.inner.play(prompts);
  }

  /**
   * The IVR's collect, watched. Asked again while it is the field being keyed, the field starts over in place
   * (keys so far dropped); any other interruption is thrown to the capture script, which goes back to that field.
   */
  override async collect(options: CollectOptions): Promise<Collected> {
    const flushFirst = this.first;
    this.first = false;
    for (let ask = flushFirst ? { ...options, flush: true } : options; ; ask = { ...options, flush: true }) {
      try {
        return await this.collectOnce(ask);
      } catch (err) {
        const pending = this.pending;
        if (err !== pending || !pending) throw err;
        this.pending = undefined;
        const here =
          pending.kind === 'ask-again' && pending.field === captureFieldOf(options.field) && options.field !== 'card-again';
        if (!here) throw err;
      }
    }
  }

  private async collectOnce(options: CollectOptions): Promise<Collected> {
    this.throwPending();
    const shown = captureFieldOf(options.field);
    const card = shown === 'card';
    if (shown) this.progress.field(shown, 'asking', card ? { digitCount: 0 } : {});
    const controller = new AbortController();
    this.current = controller;
    try {
      const collected = await this.inner.collect({
        ...options,
        signal: controller.signal,
        // A count only: the keys themselves never leave the collect.
        ...(card && { onKey: (count: number) => this.progress.field('card', 'asking', { digitCount: count }) }),
      });
      if (shown && collected.digits !== '') {
        this.progress.field(shown, 'entered', card ? { digitCount: collected.digits.length } : {});
      }
      return collected;
    } finally {
      this.current = undefined;
    }
  }

  override hangup(): Promise<void> {
    return Promise.reject(new Error('a capture never hangs up: the cardholder stays with the agent'));
  }

  override handBack(): Promise<void> {
    return Promise.reject(new Error('a capture never hands the call back: the cardholder stays with the agent'));
  }

  private throwPending(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    throw pending;
  }
}

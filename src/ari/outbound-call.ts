import type { OutboundEvent } from './outbound-event';

/** How an originated channel ended, as far as its events told. */
export interface OutboundEnd {
  answered: boolean;
  cause?: number;
  dialStatus?: string;
  /** No end was seen: the app lost its events, or the channel outlived every deadline. */
  lost: boolean;
}

export interface OutboundCallOptions {
  /** The channel we created. */
  channelId: string;
  /** A Local channel's other half: its cause is the callee's (;1 ends with 0 after Busy() on ;2). */
  peerId?: string;
  /** Gives up waiting for an answer or an end after this long (the ring timeout plus a margin). */
  unansweredDeadlineMs: number;
  /** After the call is practically over, how long to wait for a straggling event (the other half's end). */
  settleMs?: number;
}

/** Dial statuses on the way, not an end. */
const PROGRESS = new Set(['', 'RINGING', 'PROGRESS', 'PROCEEDING']);

/**
 * Follows one originated channel from its events to its end. It ends when the channel is gone and,
 * once answered, the call script has finished too, so the result says what the cardholder went through.
 */
export class OutboundCall {
  readonly result: Promise<OutboundEnd>;
  private resolve!: (end: OutboundEnd) => void;
  private answered = false;
  private scriptRunning = false;
  private dialStatus: string | undefined;
  private readonly causes = new Map<string, number | undefined>();
  private done = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly deadline: ReturnType<typeof setTimeout>;

  constructor(private readonly options: OutboundCallOptions) {
    this.result = new Promise((resolve) => (this.resolve = resolve));
    this.deadline = setTimeout(() => {
      if (!this.answered) this.finish(true);
    }, options.unansweredDeadlineMs);
  }

  handle(event: OutboundEvent): void {
    if (this.done) return;
    switch (event.type) {
      case 'dial':
        if (event.status === 'ANSWER') this.answered = true;
        if (!PROGRESS.has(event.status)) this.dialStatus = event.status;
        return;
      case 'destroyed':
        this.causes.set(event.channelId, event.cause);
        return this.check();
      case 'script-started':
        this.answered = true;
        this.scriptRunning = true;
        return;
      case 'script-ended':
        this.scriptRunning = false;
        return this.check();
      case 'lost':
        return this.finish(true);
    }
  }

  private check(): void {
    const { channelId, peerId } = this.options;
    const gone = this.causes.has(channelId);
    if (this.scriptRunning) return;
    const peerPending = peerId !== undefined && !this.answered && !this.causes.has(peerId);
    if (gone && !peerPending) return this.finish(false);
    // The last event may never come (a half that was never created; no ChannelDestroyed after StasisEnd).
    if (gone || (this.answered && !this.scriptRunning)) this.settleSoon();
  }

  private settleSoon(): void {
    if (this.settleTimer) return;
    this.settleTimer = setTimeout(() => this.finish(false), this.options.settleMs ?? 2000);
  }

  private finish(lost: boolean): void {
    if (this.done) return;
    this.done = true;
    clearTimeout(this.deadline);
    clearTimeout(this.settleTimer);
    this.resolve({ answered: this.answered, cause: this.cause(), dialStatus: this.dialStatus, lost });
  }

  /** The channel's own cause unless it says nothing (0), then the other half's. */
  private cause(): number | undefined {
    const { channelId, peerId } = this.options;
    const own = this.causes.get(channelId);
    if (own) return own;
    const peer = peerId === undefined ? undefined : this.causes.get(peerId);
    return peer || undefined;
  }
}

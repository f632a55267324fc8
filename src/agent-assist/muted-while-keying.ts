import type { Logger } from 'pino';
import type { CallPort, Collected, CollectOptions } from '../call/call-port';
import { CallPortWrapper } from '../call/call-port-wrapper';
import { errorSummary } from '../log/error-summary';

/**
 * How long the cardholder stays muted after a field is keyed: the IVR goes from one field to the next in well under
 * this, and a cardholder who keys ahead is still pressing keys in between.
 */
export const KEYING_GRACE_MS = 1500;

/**
 * The cardholder's channel of an agent-assisted call, muted toward the agent while keying (README, "What the agent
 * hears"). Absorbing DTMF frames keeps the keys that phones send out of band from the agent; a phone or gateway
 * that also sends them as sound would still be heard. So the cardholder's voice is muted from the start of a field
 * until no field has been asked for KEYING_GRACE_MS, and the agent hears the cardholder again between captures and
 * after the last field. Muting is Asterisk's (it drops the channel's audio, not its DTMF frames, which still reach
 * ivrpay). A mute that fails stops the field: no card data is asked for while the agent could hear it.
 */
export class MutedWhileKeying extends CallPortWrapper {
  private muted = false;
  private keying = 0;
  private unmuteTimer: NodeJS.Timeout | undefined;
  /** Mutes and unmutes reach Asterisk in the order asked, one at a time. */
  private applying: Promise<void> = Promise.resolve();

  constructor(
    inner: CallPort,
    private readonly mute: (muted: boolean) => Promise<void>,
    private readonly log: Logger,
    private readonly graceMs = KEYING_GRACE_MS,
  ) {
    super(inner);
    inner.signal.addEventListener('abort', () => clearTimeout(this.unmuteTimer), { once: true });
  }

  override async collect(options: CollectOptions): Promise<Collected> {
    clearTimeout(this.unmuteTimer);
    this.keying += 1;
    try {
      await this.set(true);
      return await this.inner.collect(options);
    } finally {
      this.keying -= 1;
      if (this.keying === 0 && !this.inner.signal.aborted) {
        this.unmuteTimer = setTimeout(() => {
          this.set(false).catch((err: unknown) => {
            this.log.warn({ err: errorSummary(err) }, 'unmuting the cardholder failed: the agent may not hear them');
          });
        }, this.graceMs);
        this.unmuteTimer.unref();
      }
    }
  }

  private set(muted: boolean): Promise<void> {
    const next = this.applying
      .catch(() => undefined)
      .then(async () => {
        if (this.muted === muted) return;
        await this.mute(muted);
        this.muted = muted;
      });
    this.applying = next;
    return next;
  }
}

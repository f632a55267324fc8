import type { CallPort, Collected, CollectOptions, Language } from '../../../src/call/call-port';
import { CallerHungUpError } from '../../../src/call/caller-hung-up';
import type { PromptId } from '../../../src/call/prompt-manifest';
import type { FakeCall } from '../../../test/helpers/fake-call';
import type { CallFault } from '../fault-plan';

/**
 * A FakeCall with Asterisk failing under it, as src/ari/ari-call.ts reports it to the call script:
 * - 'asterisk-restart': the channel is gone, so the operation under way and every later one reject with
 *   CallerHungUpError (AriCall turns a "channel not found" from ARI into one);
 * - 'ari-websocket-drop': the request under way fails with a transport error (AriCall rethrows anything that is
 *   not "channel gone" as is), and the Stasis app then aborts every call it holds (stasis-app.ts, onDisconnected).
 * At the `atOp`-th CallPort operation (answer, play, collect, hangup; 0-based), or by `now()` (during a payment).
 */
export class ChaosCall implements CallPort {
  /** Whether the fault happened before the call ended. */
  fired = false;
  private ops = 0;

  constructor(
    private readonly inner: FakeCall,
    private readonly fault?: { kind: CallFault; atOp: number | 'payment' },
  ) {}

  get id(): string {
    return this.inner.id;
  }
  get signal(): AbortSignal {
    return this.inner.signal;
  }
  get language(): Language {
    return this.inner.language;
  }
  set language(value: Language) {
    this.inner.language = value;
  }

  /** The fault now, whatever the call is doing (its payment is at the acquirer). */
  now(): void {
    if (this.fired || this.inner.hungUp) return;
    this.fired = true;
    this.inner.hangUpNow();
  }

  answer(): Promise<void> {
    return this.step(() => this.inner.answer());
  }
  play(prompts: PromptId[]): Promise<void> {
    return this.step(() => this.inner.play(prompts));
  }
  collect(options: CollectOptions): Promise<Collected> {
    return this.step(() => this.inner.collect(options));
  }
  hangup(): Promise<void> {
    return this.step(() => this.inner.hangup());
  }
  handBack(extension: string, variables: Record<string, string>): Promise<void> {
    return this.step(() => this.inner.handBack(extension, variables));
  }

  private async step<T>(op: () => Promise<T>): Promise<T> {
    const at = this.ops++;
    if (this.fault?.atOp === at && !this.inner.hungUp && !this.fired) {
      this.fired = true;
      this.inner.hangUpNow();
      if (this.fault.kind === 'ari-websocket-drop') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      throw new CallerHungUpError(this.id);
    }
    return op();
  }
}

import type { Collected, CollectOptions } from '../../../src/call/call-port';
import { CallPortWrapper } from '../../../src/call/call-port-wrapper';
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
export class ChaosCall extends CallPortWrapper {
  /** Whether the fault happened before the call ended. */
  fired = false;
  private ops = 0;

  constructor(
    private readonly fake: FakeCall,
    private readonly fault?: { kind: CallFault; atOp: number | 'payment' },
  ) {
    super(fake);
  }

  /** The fault now, whatever the call is doing (its payment is at the acquirer). */
  now(): void {
    if (this.fired || this.fake.hungUp) return;
    this.fired = true;
    this.fake.hangUpNow();
  }

  override answer(): Promise<void> {
    return this.step(() => super.answer());
  }
  override play(prompts: PromptId[]): Promise<void> {
    return this.step(() => super.play(prompts));
  }
  override collect(options: CollectOptions): Promise<Collected> {
    return this.step(() => super.collect(options));
  }
  override hangup(): Promise<void> {
    return this.step(() => super.hangup());
  }
  override handBack(extension: string, variables: Record<string, string>): Promise<void> {
    return this.step(() => super.handBack(extension, variables));
  }

  private async step<T>(op: () => Promise<T>): Promise<T> {
    const at = this.ops++;
    if (this.fault?.atOp === at && !this.fake.hungUp && !this.fired) {
      this.fired = true;
      this.fake.hangUpNow();
      if (this.fault.kind === 'ari-websocket-drop') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      throw new CallerHungUpError(this.id);
    }
    return op();
  }
}

import type { Logger } from 'pino';
import type { Config } from '../config/config';
import { createAdmission, type Admission } from './admission';
import { eventLoopLagTaker } from './event-loop-lag';
import { createOverloadGuard, type OverloadGuard } from './overload-guard';

/** A window with fewer ARI requests than this (a quiet line) judges the event loop alone. */
const MIN_ARI_SAMPLES = 20;

export interface RunningAdmission {
  admission: Admission;
  guard: OverloadGuard;
  stop(): void;
}

/** The ceiling of lines and the overload guard, running (README, "Admission control"). */
export function startAdmission(config: Pick<Config, 'admission' | 'callback'>, log: Logger): RunningAdmission {
  const lag = eventLoopLagTaker();
  const guard = createOverloadGuard({
    thresholds: { ariRoundTripMs: config.admission.ariRoundTripMs, eventLoopLagMs: config.admission.eventLoopLagMs },
    windowMs: config.admission.windowMs,
    minAriSamples: MIN_ARI_SAMPLES,
    takeEventLoopLagMs: lag.take,
    log,
  });
  guard.start();
  return {
    admission: createAdmission({ totalLines: config.callback.lines.total, overloaded: guard.overloaded }),
    guard,
    stop() {
      guard.stop();
      lag.stop();
    },
  };
}

import type { AriOps } from './ari-ops';

/**
 * The same requests, each one's round trip reported in ms (answered or failed, a timeout included): how
 * fast Asterisk answers us is the overload guard's first signal (src/admission/overload-guard.ts).
 */
export function timedAriOps(
  ops: AriOps,
  record: (ms: number) => void,
  clock: () => number = performance.now.bind(performance),
): AriOps {
  const timed =
    <A extends unknown[], R>(request: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = clock();
      try {
        return await request(...args);
      } finally {
        record(clock() - started);
      }
    };
  return {
    answer: timed(ops.answer.bind(ops)),
    play: timed(ops.play.bind(ops)),
    stopPlayback: timed(ops.stopPlayback.bind(ops)),
    hangup: timed(ops.hangup.bind(ops)),
    setVar: timed(ops.setVar.bind(ops)),
    continueInDialplan: timed(ops.continueInDialplan.bind(ops)),
    continueAfterStasis: timed(ops.continueAfterStasis.bind(ops)),
    listChannels: timed(ops.listChannels.bind(ops)),
    originate: timed(ops.originate.bind(ops)),
    createBridge: timed(ops.createBridge.bind(ops)),
    addToBridge: timed(ops.addToBridge.bind(ops)),
    destroyBridge: timed(ops.destroyBridge.bind(ops)),
    muteIncoming: timed(ops.muteIncoming.bind(ops)),
  };
}

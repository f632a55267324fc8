import { expect } from 'chai';
import { UsageError } from '../../scripts/bench/lib/usage-error';

/** The message of the UsageError `run` throws (a benchmark's options refused); fails the test when it throws none. */
export function usageErrorOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).to.be.instanceOf(UsageError);
    return (err as Error).message;
  }
  return expect.fail('no error');
}

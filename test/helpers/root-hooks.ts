import { resetTestOutput } from './test-output';

/** Mocha root hooks (loaded by .mocharc.json `require`). */
export const mochaHooks = {
  beforeAll(): void {
    resetTestOutput();
  },
};

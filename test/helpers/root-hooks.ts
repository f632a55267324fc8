import { config as chaiConfig } from 'chai';
import type { Context } from 'mocha';
import { e2eFailureReport } from './e2e-failure-report';
import { resetTestOutput } from './test-output';

// A failing assertion shows whole arrays and objects (the prompts a caller heard, not the first two).
chaiConfig.truncateThreshold = 0;

/** Mocha root hooks (loaded by .mocharc.json `require`). */
export const mochaHooks = {
  beforeAll(): void {
    resetTestOutput();
  },
  afterEach(this: Context): void {
    const test = this.currentTest;
    if (test?.state !== 'failed' || !test.fullTitle().includes('@e2e')) return;
    const report = e2eFailureReport();
    if (report) console.error(`  service warnings before this failure:\n${report}`);
  },
};

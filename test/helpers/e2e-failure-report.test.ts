import { expect } from 'chai';
import fs from 'node:fs';
import { e2eFailureReport } from './e2e-failure-report';
import { testOutputFile } from './test-output';

describe('helpers/e2e-failure-report', () => {
  const file = testOutputFile('failure-report-sample.log');
  after(() => fs.rmSync(file, { force: true }));

  it('when a recent log has info, warn and error lines, then only the warn and error lines are reported, named by file', () => {
    const lines = [
      { level: 30, msg: 'call started' },
      { level: 40, msg: 'simulated caller: sending keys failed' },
      { level: 50, msg: 'payment failed' },
    ];
    fs.writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`);
    const report = e2eFailureReport();
    expect(report).to.include('failure-report-sample.log: {"level":40');
    expect(report).to.include('payment failed');
    expect(report).not.to.include('call started');
  });

  it('when the log was last written long ago, then it is left out', () => {
    fs.writeFileSync(file, `${JSON.stringify({ level: 50, msg: 'old failure' })}\n`);
    expect(e2eFailureReport(Date.now() + 10 * 60_000)).not.to.include('old failure');
  });
});

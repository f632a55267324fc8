import { expect } from 'chai';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { e2eFailureReport } from './e2e-failure-report';

describe('helpers/e2e-failure-report', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'failure-report-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when a recent log has info, warn and error lines, then only the warn and error lines are reported, named by file', () => {
    const lines = [
      { level: 30, msg: 'call started' },
      { level: 40, msg: 'simulated caller: sending keys failed' },
      { level: 50, msg: 'payment failed' },
    ];
    fs.writeFileSync(path.join(dir, 'sample.log'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`);
    fs.writeFileSync(path.join(dir, 'sample.sqlite'), `${JSON.stringify({ level: 50, msg: 'not a log' })}\n`);
    const report = e2eFailureReport(dir);
    expect(report.split('\n')).to.deep.equal([
      'sample.log: {"level":40,"msg":"simulated caller: sending keys failed"}',
      'sample.log: {"level":50,"msg":"payment failed"}',
    ]);
  });

  it('when the log was last written long ago, then it is left out', () => {
    fs.writeFileSync(path.join(dir, 'old.log'), `${JSON.stringify({ level: 50, msg: 'old failure' })}\n`);
    expect(e2eFailureReport(dir, Date.now() + 10 * 60_000)).to.equal('');
  });
});

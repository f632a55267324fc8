import { Writable } from 'node:stream';
import { expect } from 'chai';
import { startScheduler } from '../../src/jobs/scheduler';
import { createLogger } from '../../src/log/logger';

const EVERY_SECOND = '* * * * * *';

async function until(condition: () => boolean, ms = 4000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('jobs/scheduler', function () {
  this.timeout(10_000);

  it('when a run fails, then it is logged and the next run still happens', async () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      destination: new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }),
    });
    let runs = 0;
    const scheduler = startScheduler(
      [
        {
          name: 'flaky',
          schedule: EVERY_SECOND,
          run: () => {
            runs += 1;
            return runs === 1 ? Promise.reject(new Error('first run fails')) : Promise.resolve();
          },
        },
      ],
      log,
    );
    try {
      await until(() => runs >= 2);
    } finally {
      await scheduler.stop();
    }
    const failures = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'job failed');
    expect(failures).to.have.length(1);
    expect(failures[0]).to.include({ job: 'flaky' });
  });

  it('when a run fails because the store cannot be reached, then it is a warning, not an error, and the next run still happens', async () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      destination: new Writable({ write: (c, _e, done) => (lines.push(String(c)), done()) }),
    });
    let runs = 0;
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:54329'), { code: 'ECONNREFUSED' });
    const scheduler = startScheduler(
      [
        {
          name: 'expire-orders',
          schedule: EVERY_SECOND,
          run: () => {
            runs += 1;
            return runs === 1 ? Promise.reject(refused) : Promise.resolve();
          },
        },
      ],
      log,
    );
    try {
      await until(() => runs >= 2);
    } finally {
      await scheduler.stop();
    }
    const logged = lines.map((l) => JSON.parse(l) as { level: number; msg: string; job?: string });
    expect(logged.filter((l) => l.level >= 50)).to.deep.equal([]);
    expect(logged.filter((l) => l.job === 'expire-orders').map((l) => [l.level, l.msg])).to.deep.equal([
      [40, 'job failed: store unavailable, next run as scheduled'],
    ]);
  });

  it('when stopped during a slow run, then stop waits for it and no run starts afterwards, and runs never overlap', async () => {
    let active = 0;
    let maxActive = 0;
    let started = 0;
    let finished = 0;
    const scheduler = startScheduler(
      [
        {
          name: 'slow',
          schedule: EVERY_SECOND,
          run: async () => {
            started += 1;
            active += 1;
            maxActive = Math.max(maxActive, active);
            await new Promise((r) => setTimeout(r, 1500));
            active -= 1;
            finished += 1;
          },
        },
      ],
      createLogger({ level: 'silent' }),
    );
    await until(() => started === 1);
    await new Promise((r) => setTimeout(r, 1100));
    await scheduler.stop();

    expect(finished).to.equal(started);
    expect(maxActive).to.equal(1);
    const startedAtStop = started;
    await new Promise((r) => setTimeout(r, 1100));
    expect(started).to.equal(startedAtStop);
  });

  it('when some jobs are stopped by name, then only they stop, and a later stop() stops the rest', async () => {
    const runs = { first: 0, second: 0 };
    const scheduler = startScheduler(
      (['first', 'second'] as const).map((name) => ({
        name,
        schedule: EVERY_SECOND,
        run: () => Promise.resolve((runs[name] += 1)),
      })),
      createLogger({ level: 'silent' }),
    );
    try {
      await until(() => runs.first >= 1 && runs.second >= 1);
      await scheduler.stop(['first']);
      const firstRuns = runs.first;
      const secondRuns = runs.second;
      await until(() => runs.second > secondRuns);
      expect(runs.first).to.equal(firstRuns);
    } finally {
      await scheduler.stop();
    }
    const secondRuns = runs.second;
    await new Promise((r) => setTimeout(r, 1100));
    expect(runs.second).to.equal(secondRuns);
  });
});

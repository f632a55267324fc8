import { expect } from 'chai';
import { createProgressBar } from '../../src/cli/progress-bar';

describe('cli/progress-bar', () => {
  it('when progress is reported, then the bar is redrawn in place and ends its line once', () => {
    const written: string[] = [];
    const bar = createProgressBar({ write: (t) => written.push(t) }, 'retrying', 10);
    bar.update(0, 4);
    bar.update(1, 4);
    bar.update(4, 4);
    bar.finish();
    bar.finish();
    expect(written).to.deep.equal([
      '\rretrying [----------] 0/4',
      '\rretrying [###-------] 1/4',
      '\rretrying [##########] 4/4',
      '\n',
    ]);
  });

  it('when there is nothing to do, then the bar shows full and an unused bar writes nothing', () => {
    const written: string[] = [];
    createProgressBar({ write: (t) => written.push(t) }, 'x', 4).finish();
    expect(written).to.deep.equal([]);
    const bar = createProgressBar({ write: (t) => written.push(t) }, 'x', 4);
    bar.update(0, 0);
    expect(written).to.deep.equal(['\rx [####] 0/0']);
  });
});

import { expect } from 'chai';
import { phasesOfRun } from '../../../scripts/bench/calls/run-plan';

describe('scripts/bench/calls/run-plan', () => {
  const shown = (phases: { mode: string; tree: string }[]) => phases.map((p) => `${p.mode}:${p.tree}`);

  it('when measuring this tree alone, then each run is the dialplan baseline, then the app', () => {
    expect(shown(phasesOfRun(1, { comparing: false }))).to.deep.equal(['dialplan:current', 'app:current']);
    expect(shown(phasesOfRun(2, { only: 'app', comparing: false }))).to.deep.equal(['app:current']);
  });

  it('when comparing, then both apps follow the baseline, the other tree first on even runs', () => {
    expect(shown(phasesOfRun(1, { comparing: true }))).to.deep.equal(['dialplan:current', 'app:current', 'app:previous']);
    expect(shown(phasesOfRun(2, { comparing: true }))).to.deep.equal(['dialplan:current', 'app:previous', 'app:current']);
    expect(shown(phasesOfRun(3, { only: 'app', comparing: true }))).to.deep.equal(['app:current', 'app:previous']);
  });
});

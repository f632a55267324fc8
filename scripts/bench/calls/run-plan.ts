import type { DriveMode } from './bench-call';

/** The tree whose service takes a phase's calls: this one, or the one of --against. */
export type TreeName = 'current' | 'previous';

export interface PlannedPhase {
  mode: DriveMode;
  tree: TreeName;
}

/**
 * The phases of one run: the dialplan baseline (the service idles through it), then the app. With
 * --against, the app of both trees, the other tree first on even runs so neither always follows the other.
 */
export function phasesOfRun(run: number, opts: { only?: DriveMode; comparing: boolean }): PlannedPhase[] {
  const apps: PlannedPhase[] = [{ mode: 'app', tree: 'current' }];
  if (opts.comparing) apps[run % 2 === 0 ? 'unshift' : 'push']({ mode: 'app', tree: 'previous' });
  const phases: PlannedPhase[] = [{ mode: 'dialplan', tree: 'current' }, ...apps];
  return phases.filter((p) => !opts.only || p.mode === opts.only);
}

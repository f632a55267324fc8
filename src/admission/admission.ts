/** Why a new call is turned away with the "lines busy" prompt. */
export type AdmissionRefusal = 'lines-full' | 'overloaded';

export interface Admission {
  /**
   * Whether a new inbound call may be taken, given the lines in use without it. Callbacks are not asked:
   * their line was counted when dialled, and the dialer holds off while overloaded.
   */
  refusal(inUse: { inbound: number; outbound: number }): AdmissionRefusal | undefined;
}

/** Lines are a hard ceiling (TRUNK_LINES, inbound and outbound together); the guard adds the machine's own limit. */
export function createAdmission(opts: { totalLines: number; overloaded: () => boolean }): Admission {
  return {
    refusal(inUse) {
      if (inUse.inbound + inUse.outbound >= opts.totalLines) return 'lines-full';
      if (opts.overloaded()) return 'overloaded';
      return undefined;
    },
  };
}

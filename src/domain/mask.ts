const SHOWN_HEAD = 6;
const SHOWN_TAIL = 4;

/**
 * First 6 + last 4, the middle as `*`, same length as the PAN (PCI's most that may be shown).
 * Too short to hide at least three digits: everything is hidden, so a short input never leaks.
 */
export function maskPan(pan: string): string {
  const hidden = pan.length - SHOWN_HEAD - SHOWN_TAIL;
  if (hidden < 3) return '*'.repeat(pan.length);
  return pan.slice(0, SHOWN_HEAD) + '*'.repeat(hidden) + pan.slice(-SHOWN_TAIL);
}

/** The last four digits, the only ones read back to the caller. */
export function lastFour(pan: string): string {
  return pan.slice(-SHOWN_TAIL);
}

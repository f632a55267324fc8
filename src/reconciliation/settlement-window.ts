/**
 * Which transactions a settlement date's file covers: those sent from the cut-off of the day before up to the
 * cut-off of the day (txn_time, Beijing YYYYMMDDhhmmss). UnionPay closes a day at 23:00
 * (docs/reference/unionpay-acp.md §8.6 names the file by settlement date), and so does the sandbox; the cut-off is
 * ACQUIRER_CUT_OFF. As strings of equal length, txn_times compare in time order (`240000` would end a calendar day).
 */
export interface SettlementWindow {
  from: string;
  to: string;
}

export function settlementWindow(settleDate: string, cutoff: string): SettlementWindow {
  return { from: `${dayBefore(settleDate)}${cutoff}`, to: `${settleDate}${cutoff}` };
}

export function covers(window: SettlementWindow, txnTime: string): boolean {
  return txnTime >= window.from && txnTime < window.to;
}

/** YYYYMMDD of the calendar day before. */
export function dayBefore(date: string): string {
  return shiftDay(date, -1);
}

export function shiftDay(date: string, days: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)) + days));
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

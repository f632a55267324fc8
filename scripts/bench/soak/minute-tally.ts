/** How one call of the soak ended: a failure reason or none, and its order (none when it could not be made). */
export interface CallEnd {
  failure?: string;
  orderId?: string;
}

/** The calls of one stretch of the soak (a minute, or the whole run). */
export interface CallCounts {
  started: number;
  /** Ended as the cardholder expected: every field asked, the success prompt heard. */
  completed: number;
  failed: number;
  /** Hung up by the soak itself when its time was up: neither completed nor failed. */
  cut: number;
  failures: Record<string, number>;
}

/** The failure reason of a call the soak hung up itself at the end. */
export const CUT_AT_END = 'cut at the end';

const empty = (): CallCounts => ({ started: 0, completed: 0, failed: 0, cut: 0, failures: {} });

function add(counts: CallCounts, end: CallEnd): void {
  if (end.failure === CUT_AT_END) counts.cut += 1;
  else if (end.failure) {
    counts.failed += 1;
    counts.failures[end.failure] = (counts.failures[end.failure] ?? 0) + 1;
  } else counts.completed += 1;
}

/**
 * Counts calls started and ended, per minute and in total. A minute's figures are taken (and start
 * again from zero) when it is sampled, with the orders of the calls that ended in it, so that whether
 * they were paid is asked of the service once per minute rather than once per call.
 */
export class MinuteTally {
  private minute = empty();
  private endedOrders: string[] = [];
  private readonly total = empty();

  started(): void {
    this.minute.started += 1;
    this.total.started += 1;
  }

  ended(end: CallEnd): void {
    add(this.minute, end);
    add(this.total, end);
    if (end.orderId && end.failure !== CUT_AT_END) this.endedOrders.push(end.orderId);
  }

  /** This minute's counts and the orders of its ended calls (cut calls left out); the next minute starts empty. */
  take(): { counts: CallCounts; orderIds: string[] } {
    const taken = { counts: this.minute, orderIds: this.endedOrders };
    this.minute = empty();
    this.endedOrders = [];
    return taken;
  }

  totals(): CallCounts {
    return { ...this.total, failures: { ...this.total.failures } };
  }
}

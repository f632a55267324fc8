/** The service's ARI traffic so far, as its worker counts it (service-worker.ts). */
export interface AriCounters {
  /** REST requests the Stasis app sent (answer, play, hangup, …). */
  requests: number;
  /** Events its WebSocket received. */
  events: number;
  /** Their size as received, in bytes. */
  eventBytes: number;
}

/** What one call cost in ARI traffic: what Asterisk had to answer, serialise and send for it (issue 16 §2). */
export interface AriCost {
  requestsPerCall: number;
  eventsPerCall: number;
  eventBytesPerCall: number;
}

/**
 * The traffic between two readings divided by the calls placed in between, refused ones included (a refused
 * call costs an answer, one prompt and a hangup). Undefined without calls or without both readings (a worker
 * of another tree that does not count).
 */
export function ariCostPerCall(
  before: AriCounters | undefined,
  after: AriCounters | undefined,
  calls: number,
): AriCost | undefined {
  if (!before || !after || calls <= 0) return undefined;
  return {
    requestsPerCall: (after.requests - before.requests) / calls,
    eventsPerCall: (after.events - before.events) / calls,
    eventBytesPerCall: (after.eventBytes - before.eventBytes) / calls,
  };
}

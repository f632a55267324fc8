/** Retries go on for this long after an event (or after an admin's redelivery) before it is `failed`. */
export const RETRY_WINDOW_MS = 26 * 3600 * 1000;

/**
 * ari-client errors carry no HTTP status, only the JSON body as `message`
 * (e.g. `{"message":"Channel not found"}`). A 404 on a channel or playback is the usual race with
 * a hang-up or a playback that already ended, not a fault.
 */
export function isAriNotFound(err: unknown): boolean {
  return err instanceof Error && /not found/i.test(err.message);
}

/** The channel hung up or left the app (404, or 409 "Channel not in Stasis application"). */
export function isChannelGone(err: unknown): boolean {
  return err instanceof Error && /channel not found|not in stasis/i.test(err.message);
}

/**
 * What of an error goes into a log line: its code, or its name, or the start of an ari-client
 * message (a JSON body such as `{"message":"Channel not found"}`). Never the whole object.
 */
export function errorSummary(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err) return String(err.code);
  if (err instanceof Error) return err.name === 'Error' ? err.message.slice(0, 120) : err.name;
  return 'unknown';
}

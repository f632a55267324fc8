export type PostOutcome = { ok: true; status: number } | { ok: false; status?: number; error: string };

export interface PostOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * One POST of a notification. 2xx is success; anything else, a redirect (not followed: the merchant gave
 * this URL), a timeout or a network error is a failure to retry. The answer's body is read and dropped.
 */
export async function postWebhook(url: string, body: string, opts: PostOptions): Promise<PostOutcome> {
  const send = opts.fetch ?? fetch;
  try {
    const response = await send(url, {
      method: 'POST',
      headers: opts.headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (err) {
    return { ok: false, error: describe(err, opts.timeoutMs) };
  }
}

/** A short reason for the log and the admin list; never the request or its body. */
function describe(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timeout after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return `network error: ${cause.code}`;
  return `network error: ${err instanceof Error ? err.message : String(err)}`.slice(0, 200);
}

import http from 'node:http';

/** An open GET /agent/events as a browser reads it: every byte received, kept as text. */
export interface EventStream {
  status: number;
  contentType: string;
  /** All received so far. */
  text(): string;
  /** The `call` events' data received so far. */
  calls(): { callId: string; [key: string]: unknown }[];
  /** Resolves once `test` holds on what was received (rejects after 5 s). */
  until(test: (text: string) => boolean): Promise<void>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function openEventStream(base: string, cookie: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/agent/events`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      let received = '';
      const waiters = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        received += chunk;
        for (const wake of waiters) wake();
      });
      const ended = new Promise<void>((done) => res.on('end', done).on('close', done));
      resolve({
        status: res.statusCode ?? 0,
        contentType: String(res.headers['content-type']),
        text: () => received,
        calls: () => [...received.matchAll(/^event: call\ndata: (.*)$/gm)].map((m) => JSON.parse(m[1]) as { callId: string }),
        until: (test) =>
          new Promise<void>((done, fail) => {
            const timer = setTimeout(() => fail(new Error(`not received in 5 s; got:\n${received}`)), 5000);
            const wake = () => {
              if (!test(received)) return;
              clearTimeout(timer);
              waiters.delete(wake);
              done();
            };
            waiters.add(wake);
            wake();
          }),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

import http from 'node:http';
import https from 'node:https';

/**
 * One HTTP POST to the acquirer, never retried. What matters for exactly-once charging is whether
 * the request may have reached the acquirer:
 * - 'not_sent': no connection was ever made (refused, no route, connect timeout): nothing arrived;
 * - 'no_answer': connected, so the acquirer may have the request, but no complete answer came;
 * - 'answered': a status and body.
 */
export type PostOutcome =
  { kind: 'answered'; status: number; body: string } | { kind: 'not_sent'; error: string } | { kind: 'no_answer'; error: string };

const MAX_ANSWER_BYTES = 1024 * 1024;

export function postForm(url: string, body: string, timeoutMs: number): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    let connected = false;
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const failed = (error: string) => finish(connected ? { kind: 'no_answer', error } : { kind: 'not_sent', error });

    // A fresh connection per request (agent: false): "connected" then means this request's socket.
    const req = client.request(target, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', 'content-length': Buffer.byteLength(body) },
    });
    const timer = setTimeout(() => {
      failed(`no answer within ${timeoutMs} ms`);
      req.destroy();
    }, timeoutMs);
    req.on('socket', (socket) => {
      if (!socket.connecting) connected = true;
      socket.once('connect', () => {
        connected = true;
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => failed(err.code ?? err.name));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER_BYTES) {
          failed('answer too large');
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish({ kind: 'answered', status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (err: NodeJS.ErrnoException) => failed(err.code ?? err.name));
      res.on('aborted', () => failed('answer aborted'));
    });
    req.end(body);
  });
}

import type http from 'node:http';

const MAX_BODY_BYTES = 64 * 1024;

/** The last digit of respCode, XOR 1: '00' becomes '01', a decline, which must not be believed. */
export function flipRespCode(text: string): string {
  const at = text.indexOf('respCode=');
  if (at < 0) return text;
  const i = at + 'respCode='.length + 1;
  return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
}

/** Undefined when the body is over 64 KiB. */
export function readBody(req: http.IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendText(res: http.ServerResponse, status: number, text: string, type = 'text/plain'): void {
  res.writeHead(status, { 'content-type': `${type};charset=UTF-8`, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

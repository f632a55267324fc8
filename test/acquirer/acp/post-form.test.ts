import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { postForm } from '../../../src/acquirer/acp/post-form';
import { fixturePki } from '../../crypto/pki-fixture';

async function serve(handler: http.RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  return {
    url,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('postForm', () => {
  it('when the server answers, then the status and body come back, and the body was sent form-encoded', async () => {
    let received = '';
    const s = await serve((req, res) => {
      req.on('data', (c: Buffer) => (received += c.toString()));
      req.on('end', () => res.writeHead(200).end(`${req.headers['content-type']}`));
    });
    try {
      expect(await postForm(s.url, 'a=1&b=2', 1000)).to.deep.equal({
        kind: 'answered',
        status: 200,
        body: 'application/x-www-form-urlencoded;charset=UTF-8',
      });
      expect(received).to.equal('a=1&b=2');
    } finally {
      await s.close();
    }
  });

  it('when nothing listens (connection refused), then not_sent: the acquirer cannot have the request', async () => {
    const s = await serve(() => undefined);
    await s.close();
    expect(await postForm(s.url, 'a=1', 1000)).to.include({ kind: 'not_sent' });
  });

  it('when the server takes the request but does not answer in time, then no_answer: it may have it', async () => {
    const s = await serve(() => undefined);
    try {
      expect(await postForm(s.url, 'a=1', 150)).to.deep.equal({ kind: 'no_answer', error: 'no answer within 150 ms' });
    } finally {
      await s.close();
    }
  });

  it('when the server drops the connection mid-way, then no_answer', async () => {
    const s = await serve((req) => req.socket.destroy());
    try {
      expect(await postForm(s.url, 'a=1', 1000)).to.include({ kind: 'no_answer' });
    } finally {
      await s.close();
    }
  });

  it('when the answer grows past 1 MiB, then no_answer: it is not read on', async () => {
    const s = await serve((_req, res) => res.writeHead(200).end(Buffer.alloc(1024 * 1024 + 1, 'a')));
    try {
      expect(await postForm(s.url, 'a=1', 2000)).to.deep.equal({ kind: 'no_answer', error: 'answer too large' });
    } finally {
      await s.close();
    }
  });

  it('when an answer of exactly 1 MiB comes, then it is read whole', async () => {
    const s = await serve((_req, res) => res.writeHead(200).end(Buffer.alloc(1024 * 1024, 'a')));
    try {
      const posted = await postForm(s.url, 'a=1', 2000);
      expect(posted.kind === 'answered' && posted.body.length).to.equal(1024 * 1024);
    } finally {
      await s.close();
    }
  });

  it('when the connection closes after the headers, before the whole body, then no_answer: the answer was cut off', async () => {
    const s = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('respCode=', () => req.socket.end());
    });
    try {
      expect(await postForm(s.url, 'a=1', 1000)).to.deep.equal({ kind: 'no_answer', error: 'answer aborted' });
    } finally {
      await s.close();
    }
  });

  it('when the URL is https, then TLS is spoken and an untrusted server certificate is refused', async function () {
    this.timeout(10_000);
    const pki = await fixturePki();
    const server = https.createServer({ cert: pki.acquirerSigning.certPem, key: pki.acquirerSigning.keyPem }, (_req, res) =>
      res.end('respCode=00'),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      expect(await postForm(url, 'a=1', 1000)).to.deep.equal({ kind: 'no_answer', error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

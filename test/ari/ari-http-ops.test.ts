import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createHttpAriOps } from '../../src/ari/ari-http-ops';
import { isAriNotFound, isChannelGone } from '../../src/ari/ari-not-found';
import type { AriOps } from '../../src/ari/ari-ops';

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
}

/** A stand-in for Asterisk's ARI: records each request and answers what the test says. */
async function fakeAri(answer: (seen: Seen) => { status: number; body?: string } | 'never') {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://ari');
    const request = {
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    };
    seen.push(request);
    const reply = answer(request);
    if (reply === 'never') return;
    res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, url, close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()) };
}

describe('ari/createHttpAriOps', () => {
  let ari: Awaited<ReturnType<typeof fakeAri>> | undefined;
  afterEach(async () => ari?.close());
  const opsFor = (url: string, timeoutMs = 1000): AriOps =>
    createHttpAriOps({ url, user: 'ivrpay', password: 's3cret', timeoutMs });

  it('when the app plays a prompt list, then one request carries every media URI, comma-separated, under our playback id', async () => {
    ari = await fakeAri(() => ({ status: 201, body: '{"id":"pb-1"}' }));
    await opsFor(ari.url).play('ch-1', 'pb-1', ['sound:/snd/zh/num-1', 'sound:/snd/zh/unit-yuan'], 'zh');
    expect(ari.seen).to.deep.equal([
      {
        method: 'POST',
        path: '/ari/channels/ch-1/play/pb-1',
        query: { media: 'sound:/snd/zh/num-1,sound:/snd/zh/unit-yuan', lang: 'zh' },
        authorization: `Basic ${Buffer.from('ivrpay:s3cret').toString('base64')}`,
      },
    ]);
  });

  it('when the app answers, names a field, hangs up and originates, then each goes to its ARI route', async () => {
    ari = await fakeAri(() => ({ status: 204 }));
    const ops = opsFor(ari.url);
    await ops.answer('ch-1');
    await ops.setVar('ch-1', 'IVRPAY_FIELD', 'card');
    await ops.hangup('ch-1');
    await ops.stopPlayback('pb-1');
    await ops.originate({
      channelId: 'cb-1',
      otherChannelId: 'cb-1-2',
      endpoint: 'Local/13800000001@ivrpay-test-phones',
      app: 'ivrpay',
      appArgs: ['callback', 'ord_1'],
      timeoutSec: 45,
    });
    expect(ari.seen.map((s) => `${s.method} ${s.path}`)).to.deep.equal([
      'POST /ari/channels/ch-1/answer',
      'POST /ari/channels/ch-1/variable',
      'DELETE /ari/channels/ch-1',
      'DELETE /ari/playbacks/pb-1',
      'POST /ari/channels/cb-1',
    ]);
    expect(ari.seen[1].query).to.deep.equal({ variable: 'IVRPAY_FIELD', value: 'card' });
    expect(ari.seen[4].query).to.deep.equal({
      endpoint: 'Local/13800000001@ivrpay-test-phones',
      app: 'ivrpay',
      appArgs: 'callback,ord_1',
      timeout: '45',
      otherChannelId: 'cb-1-2',
    });
  });

  it('when an assisted call bridges, mutes and unmutes the cardholder, then each goes to its ARI route, and a gone channel counts as unmuted', async () => {
    ari = await fakeAri((seen) =>
      seen.path.includes('gone') ? { status: 404, body: '{"message":"Channel not found"}' } : { status: 204 },
    );
    const ops = opsFor(ari.url);
    await ops.createBridge('assist-1');
    await ops.addToBridge('assist-1', 'holder', { absorbDtmf: true });
    await ops.muteIncoming('holder', true);
    await ops.muteIncoming('holder', false);
    await ops.muteIncoming('gone', false);
    await ops.destroyBridge('assist-1');
    expect(ari.seen.map((s) => `${s.method} ${s.path} ${new URLSearchParams(s.query).toString()}`)).to.deep.equal([
      'POST /ari/bridges/assist-1 type=mixing',
      'POST /ari/bridges/assist-1/addChannel channel=holder&absorbDTMF=true',
      'POST /ari/channels/holder/mute direction=in',
      'DELETE /ari/channels/holder/mute direction=in',
      'DELETE /ari/channels/gone/mute direction=in',
      'DELETE /ari/bridges/assist-1 ',
    ]);
  });

  it("when a channel is gone, then the error reads like ari-client's (the body as message), and hang-up treats it as done", async () => {
    ari = await fakeAri(() => ({ status: 404, body: '{"message":"Channel not found"}' }));
    const ops = opsFor(ari.url);
    const err = await ops.play('gone', 'pb-1', ['sound:/snd/zh/welcome'], 'zh').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAriNotFound(err) && isChannelGone(err)).to.equal(true);
    await ops.hangup('gone');
    await ops.stopPlayback('pb-gone');
  });

  it('when a channel is continued after its Stasis(), then the request names no place; gone or out of any app, it is done', async () => {
    ari = await fakeAri((seen) => {
      if (seen.path.includes('gone')) return { status: 404, body: '{"message":"Channel not found"}' };
      if (seen.path.includes('left')) return { status: 409, body: '{"message":"Channel not in Stasis application"}' };
      if (seen.path.includes('broken')) return { status: 500, body: '{"message":"Internal error"}' };
      return { status: 204 };
    });
    const ops = opsFor(ari.url);
    await ops.continueAfterStasis('ch-1');
    await ops.continueAfterStasis('gone');
    await ops.continueAfterStasis('left');
    const err = await ops.continueAfterStasis('broken').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(Error);
    expect(ari.seen[0]).to.include({ method: 'POST', path: '/ari/channels/ch-1/continue' });
    expect(ari.seen[0].query).to.deep.equal({});
  });

  it('when Asterisk lists channels, then each comes with the app it runs and when it was created', async () => {
    const creationtime = '2026-12-06T23:01:21.123+0000';
    ari = await fakeAri(() => ({
      status: 200,
      body: JSON.stringify([
        { id: 'ch-1', dialplan: { app_name: 'Stasis', app_data: 'ivrpay,inbound,583920' }, creationtime },
        { id: 'ch-2' },
      ]),
    }));
    expect(await opsFor(ari.url).listChannels()).to.deep.equal([
      { id: 'ch-1', appName: 'Stasis', appData: 'ivrpay,inbound,583920', createdAt: creationtime },
      { id: 'ch-2', appName: '', appData: '', createdAt: undefined },
    ]);
  });

  it('when Asterisk never answers, then the request fails with ari_timeout instead of hanging', async () => {
    ari = await fakeAri(() => 'never');
    const err = await opsFor(ari.url, 150)
      .answer('ch-1')
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(err).to.have.property('code', 'ari_timeout');
  });

  it('when Asterisk drops a kept-alive socket as the next request is written on it, then the request is sent once more on a new socket', async () => {
    let requests = 0;
    const server = http.createServer((req, res) => {
      requests += 1;
      const onSocket = ((req.socket as unknown as { served?: number }).served ?? 0) + 1;
      (req.socket as unknown as { served?: number }).served = onSocket;
      // The second request on a socket meets the server closing it: no answer, a reset.
      if (onSocket === 2) return void req.socket.resetAndDestroy();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const ops = opsFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      await ops.answer('ch-1');
      await ops.answer('ch-1');
      expect(requests, 'the dropped request, then its repeat on a new socket').to.equal(3);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
    }
  });

  it('when a request on a new socket is reset, then it fails: it may have reached Asterisk', async () => {
    let requests = 0;
    const server = http.createServer((req) => {
      requests += 1;
      req.socket.resetAndDestroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const ops = opsFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      let failure: unknown;
      await ops.answer('ch-1').catch((err: unknown) => (failure = err));
      expect((failure as NodeJS.ErrnoException | undefined)?.code).to.equal('ECONNRESET');
      expect(requests).to.equal(1);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
    }
  });
});

import { expect } from 'chai';
import https from 'node:https';
import request from 'supertest';
import { startHttpServer, type RunningHttpServer } from '../../../src/http/start-http-server';
import { AMY, BEN, createAgentFixture, GUS, type AgentFixture } from '../../agent-assist/agent-fixture';
import { makeCertificate } from '../merchant-certificate';
import { openEventStream } from './event-stream';

type Agent = ReturnType<typeof request.agent>;

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');

async function logIn(agent: Agent, who: { name: string; password: string } = AMY, password = who.password) {
  const form = await agent.get('/agent/login').expect(200);
  return agent
    .post('/agent/login')
    .type('form')
    .send({ _csrf: csrfIn(form.text), name: who.name, password });
}

describe('http/agent/agent-router: the agent page over HTTP', () => {
  let f: AgentFixture;
  const setUp = async (opts: Parameters<typeof createAgentFixture>[0] = {}) => {
    f = await createAgentFixture(opts);
  };
  afterEach(() => f?.deps.db.destroy());

  describe('login', () => {
    beforeEach(() => setUp());

    it('when nobody is logged in, then the page sends the browser to the login form and the event stream answers 401', async () => {
      await request(f.app).get('/agent').expect(303).expect('Location', '/agent/login');
      await request(f.app).get('/agent/events').expect(401);
      await request(f.app).post('/agent/calls/call-amy/capture').type('form').send({ orderId: 'ord_acme1' }).expect(303);
      expect(f.desk.calls.get('call-amy')?.capture).to.equal(undefined);
    });

    it('when the login form is shown over http, then its session cookie is HttpOnly, SameSite=Strict, scoped to /agent, not Secure', async () => {
      const res = await request(f.app).get('/agent/login').expect(200);
      expect(res.text).to.include('<form method="post" action="/agent/login">');
      expect(cookieOf(res)).to.match(
        /^ivrpay_agent=[\w-]{43}; Max-Age=28800; Path=\/agent; Expires=[^;]+; HttpOnly; SameSite=Strict$/,
      );
    });

    it('when the page is reached over https, then the session cookie is Secure too', async () => {
      const cert = makeCertificate({ notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 3_600_000) });
      const server = https.createServer({ key: cert.privateKey.export({ type: 'pkcs8', format: 'pem' }), cert: cert.pem }, f.app);
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      try {
        const res = await request(server).get('/agent/login').disableTLSCerts().expect(200);
        expect(cookieOf(res)).to.match(/; HttpOnly; Secure; SameSite=Strict$/);
      } finally {
        server.close();
      }
    });

    it('when the right password is given, then a new session (not the form’s) opens the agent’s page', async () => {
      const agent = request.agent(f.app);
      const form = await agent.get('/agent/login');
      const res = await logIn(agent);
      expect(res.status).to.equal(303);
      expect(res.headers.location).to.equal('/agent');
      expect(cookieOf(res).split(';')[0]).not.to.equal(cookieOf(form).split(';')[0]);
      const page = await agent.get('/agent').expect(200);
      expect(page.text).to.include('ivrpay agent desk').and.include('Acme Travel').and.include('amy');
    });

    it('when the password is wrong or the name unknown, then 401 with the same message, and the page stays closed', async () => {
      const agent = request.agent(f.app);
      const wrong = await logIn(agent, AMY, 'not the password at all');
      expect(wrong.status).to.equal(401);
      expect(wrong.text).to.include('Wrong agent name or password.').and.include('value="amy"');
      const unknown = await logIn(agent, { name: 'mallory', password: 'whatever it is' });
      expect(unknown.status).to.equal(401);
      expect(unknown.text).to.include('Wrong agent name or password.');
      await agent.get('/agent').expect(303);
    });

    it('when the agent is disabled, then it no longer logs in', async () => {
      await f.agents.disable(AMY.name);
      expect((await logIn(request.agent(f.app))).status).to.equal(401);
    });

    it('when the login form comes without its token (or with another session’s), then 403 and no session opens', async () => {
      const agent = request.agent(f.app);
      await agent.get('/agent/login');
      const other = csrfIn((await request(f.app).get('/agent/login')).text);
      for (const _csrf of [undefined, other]) {
        const res = await agent.post('/agent/login').type('form').send({ _csrf, name: AMY.name, password: AMY.password });
        expect(res.status).to.equal(403);
      }
      await agent.get('/agent').expect(303);
    });
  });

  it('when one name fails to log in too often, then it is refused with 429 (even with the right password), and other names are not', async () => {
    await setUp({ loginAttempts: { perIp: 100, perLogin: 3 } });
    for (let i = 0; i < 3; i++) expect((await logIn(request.agent(f.app), AMY, `wrong password ${i}`)).status).to.equal(401);
    const refused = await logIn(request.agent(f.app));
    expect(refused.status).to.equal(429);
    expect(refused.text).to.include('Too many failed logins for this name');
    expect((await logIn(request.agent(f.app), BEN)).status).to.equal(303);
  });

  it('when one client IP fails to log in too often, whatever the names, then it is refused with 429', async () => {
    await setUp({ loginAttempts: { perIp: 3, perLogin: 100 } });
    for (const name of ['amy', 'ben', 'nobody']) {
      expect((await logIn(request.agent(f.app), { name, password: 'a wrong password' })).status).to.equal(401);
    }
    const refused = await logIn(request.agent(f.app), GUS);
    expect(refused.status).to.equal(429);
    expect(refused.text).to.include('Too many failed logins from this address');
  });

  it('when logins succeed many times, then they are not counted against either limit', async () => {
    await setUp({ loginAttempts: { perIp: 2, perLogin: 2 } });
    for (let i = 0; i < 4; i++) expect((await logIn(request.agent(f.app))).status).to.equal(303);
  });

  describe('logged in', () => {
    let agent: Agent;
    beforeEach(async () => {
      await setUp();
      agent = request.agent(f.app);
      await logIn(agent);
    });

    it('when a page is served, then its CSP allows only its own scripts, styles and connections, no framing, no inline code', async () => {
      for (const path of ['/agent', '/agent/login']) {
        const res = await agent.get(path);
        const csp = String(res.headers['content-security-policy']);
        expect(csp).to.include("default-src 'none'").and.include("script-src 'self'").and.include("style-src 'self'");
        expect(csp).to.include("connect-src 'self'").and.include("frame-ancestors 'none'").and.include("form-action 'self'");
        expect(csp).not.to.include('unsafe-inline');
        expect(res.text).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
        expect(res.text).not.to.match(/\sstyle=|\son[a-z]+=/);
        expect(res.headers['cache-control']).to.equal('no-store');
      }
    });

    it('when the page’s files are asked for, then its script and both stylesheets are served, nothing beside them', async () => {
      await agent
        .get('/agent/static/agent.js')
        .expect(200)
        .expect('Content-Type', /javascript/);
      await agent.get('/agent/static/agent.css').expect(200).expect('Content-Type', /css/);
      await agent.get('/agent/static/console.css').expect(200).expect('Content-Type', /css/);
      await agent.get('/agent/static/../call-display.ts').expect(404);
    });

    it('when the page is read, then it lists the merchant’s calls, the agent’s own extension first, and no other merchant’s', async () => {
      const { text } = await agent.get('/agent').expect(200);
      expect(text.indexOf('id="call-call-amy"')).to.be.greaterThan(0).and.lessThan(text.indexOf('id="call-call-ben"'));
      expect(text).to.include('extension 201 (yours)').and.include('138****5678').and.include('139****0001');
      expect(text).not.to.include('call-globex').and.not.include('137****4242');
    });

    it('when a capture is started for an order, then the desk starts it on the merchant’s call and the page shows it', async () => {
      const csrf = csrfIn((await agent.get('/agent')).text);
      await agent
        .post('/agent/calls/call-amy/capture')
        .type('form')
        .send({ _csrf: csrf, orderId: ' ord_acme1 ' })
        .expect(303)
        .expect('Location', '/agent#call-call-amy');
      expect(f.desk.calls.get('call-amy')?.capture).to.deep.include({ orderId: 'ord_acme1', state: 'collecting' });
      f.desk.progress('call-amy', { field: 'card', state: 'asking', digitCount: 7 });
      const { text } = await agent.get('/agent');
      expect(text).to.include('ord_acme1').and.include('7 digits').and.include('The cardholder is keying the card');
    });

    it('when the desk refuses (another merchant’s call, an unknown or unpayable order, a capture already running), then a clear message and nothing starts', async () => {
      const csrf = csrfIn((await agent.get('/agent')).text);
      const tryStart = async (callId: string, orderId: string) => {
        await agent.post(`/agent/calls/${callId}/capture`).type('form').send({ _csrf: csrf, orderId }).expect(303);
        return (await agent.get('/agent')).text;
      };
      expect(await tryStart('call-globex', 'ord_globex1')).to.include('No such call or order for your merchant');
      expect(f.desk.calls.get('call-globex')?.capture).to.equal(undefined);
      expect(await tryStart('call-amy', 'ord_globex1')).to.include('No such call or order for your merchant');
      expect(await tryStart('call-amy', 'ord_paid')).to.include('This order cannot be paid');
      expect(await tryStart('call-amy', 'bad id!')).to.include('Enter the order id');
      expect(f.desk.calls.get('call-amy')?.capture).to.equal(undefined);
      await tryStart('call-amy', 'ord_acme1');
      expect(await tryStart('call-amy', 'ord_acme1')).to.include('A capture is already running on this call');
      expect((await agent.get('/agent')).text, 'the message is shown once').not.to.include('A capture is already running');
    });

    it('when "ask again" and "cancel" are posted, then the desk is told, for the agent’s merchant only', async () => {
      const csrf = csrfIn((await agent.get('/agent')).text);
      await agent.post('/agent/calls/call-amy/capture').type('form').send({ _csrf: csrf, orderId: 'ord_acme1' });
      f.desk.progress('call-amy', { field: 'card', state: 'valid', masked: '621626*********0018' });
      await agent.post('/agent/calls/call-amy/ask-again').type('form').send({ _csrf: csrf, field: 'card' }).expect(303);
      expect(f.desk.asked).to.deep.equal([{ callId: 'call-amy', field: 'card' }]);
      await agent.post('/agent/calls/call-amy/ask-again').type('form').send({ _csrf: csrf, field: 'toString' }).expect(303);
      expect((await agent.get('/agent')).text).to.include('No such field to ask again.');
      await agent.post('/agent/calls/call-amy/cancel').type('form').send({ _csrf: csrf }).expect(303);
      expect(f.desk.calls.get('call-amy')?.capture?.state).to.equal('cancelled');
      await agent.post('/agent/calls/call-globex/cancel').type('form').send({ _csrf: csrf }).expect(303);
      expect((await agent.get('/agent')).text).to.include('No such call or order for your merchant');
    });

    it('when a POST lacks the session’s CSRF token, then 403 and the desk is not asked', async () => {
      const other = request.agent(f.app);
      await logIn(other, BEN);
      const othersToken = csrfIn((await other.get('/agent')).text);
      for (const _csrf of [undefined, othersToken]) {
        await agent.post('/agent/calls/call-amy/capture').type('form').send({ _csrf, orderId: 'ord_acme1' }).expect(403);
      }
      await agent.post('/agent/logout').type('form').send({}).expect(403);
      expect(f.desk.calls.get('call-amy')?.capture).to.equal(undefined);
      await agent.get('/agent').expect(200);
    });

    it('when the agent logs out, then the session is over and the cookie cleared', async () => {
      const csrf = csrfIn((await agent.get('/agent')).text);
      const res = await agent
        .post('/agent/logout')
        .type('form')
        .send({ _csrf: csrf })
        .expect(303)
        .expect('Location', '/agent/login');
      expect(cookieOf(res)).to.match(/^ivrpay_agent=; Path=\/agent; Expires=Thu, 01 Jan 1970/);
      await agent.get('/agent').expect(303);
      await agent.get('/agent/events').expect(401);
    });

    it('when the agent is disabled or its password reset, then the open session ends', async () => {
      f.deps.advance(1000);
      await f.agents.resetPassword(AMY.name, 'a brand new password');
      await agent.get('/agent').expect(303);
      await logIn(agent, AMY, 'a brand new password');
      await agent.get('/agent').expect(200);
      await f.agents.disable(AMY.name);
      await agent.get('/agent').expect(303);
    });
  });

  describe('the event stream', () => {
    let server: RunningHttpServer;
    let base: string;
    const cookieFor = async (who = AMY) => {
      const agent = request.agent(base);
      const res = await logIn(agent, who);
      return { agent, cookie: cookieOf(res).split(';')[0] };
    };
    beforeEach(async () => {
      await setUp({ heartbeatMs: 50, sessionMs: 3_600_000 });
      server = await startHttpServer(f.app, '127.0.0.1', 0);
      base = `http://127.0.0.1:${server.address.port}`;
    });
    afterEach(() => server?.close());

    it('when it opens, then it is text/event-stream with every current call of the merchant, then heartbeats', async () => {
      const stream = await openEventStream(base, (await cookieFor()).cookie);
      expect(stream.status).to.equal(200);
      expect(stream.contentType).to.equal('text/event-stream; charset=utf-8');
      await stream.until((t) => t.includes(': heartbeat\n\n'));
      expect(stream.calls().map((c) => c.callId)).to.have.members(['call-amy', 'call-ben']);
      stream.close();
    });

    it('when calls of both merchants change, then only the agent’s merchant’s reach its stream', async () => {
      const amy = await openEventStream(base, (await cookieFor()).cookie);
      const gus = await openEventStream(base, (await cookieFor(GUS)).cookie);
      await amy.until((t) => t.includes('call-ben'));
      f.desk.call('call-globex-2', f.globex, GUS.extension);
      f.desk.call('call-acme-2', f.acme, AMY.extension);
      await amy.until((t) => t.includes('call-acme-2'));
      await gus.until((t) => t.includes('call-globex-2'));
      expect(amy.text()).not.to.include('globex').and.not.include('137****');
      expect(gus.calls().map((c) => c.callId)).to.deep.equal(['call-globex', 'call-globex-2']);
      amy.close();
      gus.close();
    });

    it('when the desk wrongly sends another merchant’s call, then the page still does not pass it on', async () => {
      const stream = await openEventStream(base, (await cookieFor()).cookie);
      await stream.until((t) => t.includes('call-ben'));
      const leak = { ...(f.desk.calls.get('call-globex') as NonNullable<ReturnType<typeof f.desk.calls.get>>) };
      // A desk that ignores the merchant it was subscribed with: its listener is called with Globex's call.
      const subscribe = f.desk.subscribe.bind(f.desk);
      let listener: Parameters<typeof subscribe>[1] | undefined;
      f.desk.subscribe = (merchantId, l) => {
        listener = l;
        return subscribe(merchantId, l);
      };
      const second = await openEventStream(base, (await cookieFor()).cookie);
      await second.until((t) => t.includes('call-ben'));
      listener?.({ type: 'call.updated', call: leak });
      f.desk.call('call-acme-3', f.acme, AMY.extension);
      await second.until((t) => t.includes('call-acme-3'));
      expect(second.text()).not.to.include('call-globex');
      stream.close();
      second.close();
    });

    it('when the agent logs out, then its stream ends at once and the desk subscription is dropped', async () => {
      const { agent, cookie } = await cookieFor();
      const stream = await openEventStream(base, cookie);
      await stream.until((t) => t.includes('call-ben'));
      expect(f.desk.subscribers).to.equal(1);
      const csrf = csrfIn((await agent.get('/agent')).text);
      await agent.post('/agent/logout').type('form').send({ _csrf: csrf }).expect(303);
      await stream.ended;
      expect(f.desk.subscribers).to.equal(0);
    });

    it('when the session expires, then the stream ends at the next heartbeat', async () => {
      const stream = await openEventStream(base, (await cookieFor()).cookie);
      await stream.until((t) => t.includes(': heartbeat'));
      f.deps.advance(3_600_000);
      await stream.ended;
      expect(f.desk.subscribers).to.equal(0);
    });

    it('when the browser goes away, then the desk subscription is dropped', async () => {
      const stream = await openEventStream(base, (await cookieFor()).cookie);
      await stream.until((t) => t.includes('call-ben'));
      stream.close();
      for (let i = 0; i < 50 && f.desk.subscribers > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(f.desk.subscribers).to.equal(0);
    });
  });
});

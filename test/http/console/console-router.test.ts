import { expect } from 'chai';
import type { Application } from 'express';
import request from 'supertest';
import { consoleApp } from '../../console/console-app';
import { createConsoleFixture, OPERATOR, type ConsoleFixture } from '../../console/console-fixture';

type Agent = ReturnType<typeof request.agent>;

const csrfIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const cookieOf = (res: request.Response) => ([] as string[]).concat(res.headers['set-cookie'] ?? []).join('\n');

async function logIn(agent: Agent, password = OPERATOR.password) {
  const form = await agent.get('/console/login').expect(200);
  return agent
    .post('/console/login')
    .type('form')
    .send({ _csrf: csrfIn(form.text), name: OPERATOR.name, password });
}

describe('http/console/console-router: the operator console over HTTP', () => {
  let f: ConsoleFixture;
  let app: Application;
  const setUp = async (opts: Parameters<typeof createConsoleFixture>[0] = {}) => {
    f = await createConsoleFixture(opts);
    app = consoleApp(f);
  };
  afterEach(() => f?.deps.db.destroy());

  describe('login', () => {
    beforeEach(() => setUp());

    it('when nobody is logged in, then the console sends the browser to the login form and the series answers 401', async () => {
      await request(app).get('/console').expect(303).expect('Location', '/console/login');
      await request(app).get('/console/api/series').expect(401);
    });

    it('when the login form is shown, then its session cookie is HttpOnly, SameSite=Strict, scoped to /console, not Secure by default', async () => {
      const res = await request(app).get('/console/login').expect(200);
      expect(res.text).to.include('<form method="post" action="/console/login">');
      expect(csrfIn(res.text)).to.have.length(43);
      const cookie = cookieOf(res);
      expect(cookie).to.match(
        /^ivrpay_console=[\w-]{43}; Max-Age=28800; Path=\/console; Expires=[^;]+; HttpOnly; SameSite=Strict$/,
      );
    });

    it('when the right password is given, then a new session (not the form’s) opens the console', async () => {
      const agent = request.agent(app);
      const form = await agent.get('/console/login');
      const res = await agent
        .post('/console/login')
        .type('form')
        .send({ _csrf: csrfIn(form.text), name: OPERATOR.name, password: OPERATOR.password })
        .expect(303)
        .expect('Location', '/console');
      expect(cookieOf(res).split(';')[0]).not.to.equal(cookieOf(form).split(';')[0]);
      const page = await agent.get('/console').expect(200);
      expect(page.text).to.include('ivrpay operator console').and.include('alice');
    });

    it('when the password is wrong, then 401 with the form again, and the console stays closed', async () => {
      const agent = request.agent(app);
      const res = await logIn(agent, 'not the password at all');
      expect(res.status).to.equal(401);
      expect(res.text).to.include('Wrong operator name or password.').and.include('value="alice"');
      await agent.get('/console').expect(303);
    });

    it('when the name is unknown, then the same answer as a wrong password', async () => {
      const agent = request.agent(app);
      const form = await agent.get('/console/login');
      const res = await agent
        .post('/console/login')
        .type('form')
        .send({ _csrf: csrfIn(form.text), name: 'mallory', password: 'x' });
      expect(res.status).to.equal(401);
      expect(res.text).to.include('Wrong operator name or password.');
    });

    it('when the login form comes without its token (or from another session), then 403 and no session opens', async () => {
      const agent = request.agent(app);
      await agent.get('/console/login');
      const other = csrfIn((await request(app).get('/console/login')).text);
      for (const _csrf of [undefined, other]) {
        const res = await agent
          .post('/console/login')
          .type('form')
          .send({ _csrf, name: OPERATOR.name, password: OPERATOR.password });
        expect(res.status).to.equal(403);
      }
      await agent.get('/console').expect(303);
    });
  });

  it('when a client IP fails to log in too often, then it is refused with 429, even with the right password', async () => {
    await setUp({ loginAttempts: 3 });
    const agent = request.agent(app);
    for (let i = 0; i < 3; i++) expect((await logIn(agent, `wrong password ${i}`)).status).to.equal(401);
    const res = await logIn(agent);
    expect(res.status).to.equal(429);
    expect(res.text).to.include('Too many failed logins');
    await agent.get('/console').expect(303);
  });

  it('when successful logins are many, then they are not counted against the limit', async () => {
    await setUp({ loginAttempts: 2 });
    for (let i = 0; i < 4; i++) expect((await logIn(request.agent(app))).status).to.equal(303);
  });

  it('when the session is older than its lifetime, then the console asks for a login again', async () => {
    await setUp({ sessionMs: 3_600_000 });
    const agent = request.agent(app);
    await logIn(agent);
    f.deps.advance(3_599_000);
    await agent.get('/console').expect(200);
    f.deps.advance(2_000);
    await agent.get('/console').expect(303).expect('Location', '/console/login');
    await agent.get('/console/api/series').expect(401);
  });

  it('when the Secure flag is configured, then the cookie carries it', async () => {
    await setUp();
    f.console.cookie.secure = true;
    const res = await request(consoleApp(f)).get('/console/login');
    expect(cookieOf(res)).to.match(/; Secure;/);
  });

  describe('logged in', () => {
    let agent: Agent;
    beforeEach(async () => {
      await setUp();
      agent = request.agent(app);
      await logIn(agent);
    });

    it('when a console page is served, then its CSP allows only its own scripts and styles, no framing, no inline code', async () => {
      const res = await agent.get('/console').expect(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).to.include("default-src 'none'").and.include("script-src 'self'").and.include("style-src 'self'");
      expect(csp).to.include("frame-ancestors 'none'").and.include("form-action 'self'");
      expect(csp).not.to.include('unsafe-inline');
      expect(res.text).not.to.match(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(res.text).not.to.match(/\sstyle=|\son[a-z]+=/);
      expect(res.headers['cache-control']).to.equal('no-store');
    });

    it('when the page is read, then every block is there with the store’s figures and no card number', async () => {
      const { text } = await agent.get('/console').expect(200);
      for (const id of ['calls', 'today', 'chart', 'lines', 'callbacks', 'webhooks', 'unresolved'])
        expect(text).to.include(`id="${id}"`);
      expect(text).to.include('50.0 %').and.include('¥60.00').and.include('insufficient_funds');
      expect(text).to.include('Globex').and.include('card').and.include('10 <span class="sub">of 30</span>');
      expect(text).to.include(f.attempts.unknown).and.include(f.attempts.manual).and.include('pab ····0018');
      expect(text).not.to.include(f.liveOrderId).and.not.include('621626');
    });

    it('when the chart asks for its series, then JSON of 180 minutes; a bad span is 400', async () => {
      const res = await agent.get('/console/api/series?hours=3').expect(200).expect('Content-Type', /json/);
      expect((res.body as { minutes: number[] }).minutes).to.have.length(180);
      await agent.get('/console/api/series?hours=0').expect(400);
      await agent.get('/console/api/series?hours=x').expect(400);
    });

    it('when the page’s files are asked for, then the console script, its style and uPlot are served', async () => {
      await agent
        .get('/console/static/console.js')
        .expect(200)
        .expect('Content-Type', /javascript/);
      await agent.get('/console/static/console.css').expect(200).expect('Content-Type', /css/);
      await agent
        .get('/console/static/uPlot.iife.min.js')
        .expect(200)
        .expect('Content-Type', /javascript/);
      await agent.get('/console/static/uPlot.min.css').expect(200);
      await agent.get('/console/static/../console-router.ts').expect(404);
    });

    it('when "query now" finds the payment approved, then it is settled, the order paid, and the result shown once', async () => {
      f.answers.set(f.attempts.unknown, { outcome: 'approved', acquirerRef: 'Q42', responseCode: '00' });
      const csrf = csrfIn((await agent.get('/console')).text);
      await agent
        .post(`/console/attempts/${f.attempts.unknown}/query`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(303)
        .expect('Location', '/console#unresolved');
      const page = await agent.get('/console');
      expect(page.text).to.include(`${f.attempts.unknown}: the acquirer says approved; the payment is now approved.`);
      expect(page.text.slice(page.text.indexOf('id="unresolved"'))).not.to.include(f.attempts.unknown);
      const attempt = await f.deps.db('payment_attempts').where({ id: f.attempts.unknown }).first();
      expect(attempt?.state).to.equal('approved');
      expect((await f.deps.db('orders').where({ id: attempt?.order_id }).first())?.status).to.equal('paid');
      expect((await agent.get('/console')).text).not.to.include('the acquirer says approved');
    });

    it('when "query now" gets no final word, then the payment stays as it was and the page says so', async () => {
      const csrf = csrfIn((await agent.get('/console')).text);
      await agent.post(`/console/attempts/${f.attempts.manual}/query`).type('form').send({ _csrf: csrf }).expect(303);
      expect((await agent.get('/console')).text).to.include('no final word yet; the payment stays unknown_manual');
      expect((await f.deps.db('payment_attempts').where({ id: f.attempts.manual }).first())?.state).to.equal('unknown_manual');
    });

    it('when a POST lacks the session’s CSRF token, then 403 and the acquirer is not asked', async () => {
      f.answers.set(f.attempts.unknown, { outcome: 'approved', acquirerRef: 'Q42', responseCode: '00' });
      const other = request.agent(app);
      await logIn(other);
      const othersToken = csrfIn((await other.get('/console')).text);
      for (const _csrf of [undefined, othersToken]) {
        await agent.post(`/console/attempts/${f.attempts.unknown}/query`).type('form').send({ _csrf }).expect(403);
      }
      await agent.post('/console/logout').type('form').send({}).expect(403);
      expect((await f.deps.db('payment_attempts').where({ id: f.attempts.unknown }).first())?.state).to.equal('unknown');
    });

    it('when "query now" names an unknown attempt, then the page says there is none', async () => {
      const csrf = csrfIn((await agent.get('/console')).text);
      await agent.post('/console/attempts/att_nope-1/query').type('form').send({ _csrf: csrf }).expect(303);
      expect((await agent.get('/console')).text).to.include('att_nope-1: no payment attempt att_nope-1');
    });

    it('when the operator logs out, then the session is over and the cookie cleared', async () => {
      const csrf = csrfIn((await agent.get('/console')).text);
      const res = await agent.post('/console/logout').type('form').send({ _csrf: csrf }).expect(303);
      expect(cookieOf(res)).to.match(/^ivrpay_console=; Path=\/console; Expires=Thu, 01 Jan 1970/);
      await agent.get('/console').expect(303);
    });

    it('when the operator’s password is changed or the operator removed, then the open session ends', async () => {
      f.deps.advance(1000);
      await f.operators.setPassword(OPERATOR.name, 'another long password');
      await agent.get('/console').expect(303);
      await logIn(agent, 'another long password');
      await agent.get('/console').expect(200);
      await f.operators.remove(OPERATOR.name);
      await agent.get('/console').expect(303);
    });
  });
});

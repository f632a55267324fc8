import os from 'node:os';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, loadConfig } from '../../src/config/config';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');

/** The problems a config refuses `env` with, or none. */
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
}

describe('config/loadConfig', () => {
  it('when nothing is set, then the laptop defaults apply', () => {
    const config = loadConfig({ HOME: '/home/x' });
    expect(config.http).to.deep.equal({ host: '127.0.0.1', port: 3000, rateLimitPerMinute: 600 });
    expect(config.ari).to.include({ url: 'http://127.0.0.1:8088', user: 'ivrpay', app: 'ivrpay' });
    expect(config.sqliteFile).to.equal(path.join(root, 'data', 'ivrpay.sqlite'));
    expect(config.asterisk.cacheDir).to.equal('/home/x/.cache/ivrpay');
    expect(config.defaultLanguage).to.equal('zh');
  });

  it('when values are given, then they are parsed and typed', () => {
    const config = loadConfig({
      HTTP_PORT: '8080',
      ARI_URL: 'http://10.0.0.5:8088/',
      IVR_MAX_ATTEMPTS: '5',
      ASTERISK_CACHE_DIR: '/c',
    });
    expect(config.http.port).to.equal(8080);
    expect(config.ari.url).to.equal('http://10.0.0.5:8088');
    expect(config.ivr.maxAttempts).to.equal(5);
    expect(config.asterisk.cacheDir).to.equal('/c');
  });

  it('when POSTGRES_SANDBOX_PORT is unset, then the sandbox listens on 54329; a port is taken; 0 and non-ports are listed', () => {
    expect(loadConfig({}).postgresSandbox).to.deep.equal({ port: 54329 });
    expect(loadConfig({ POSTGRES_SANDBOX_PORT: '55432' }).postgresSandbox.port).to.equal(55432);
    for (const bad of ['0', '65536', 'five']) {
      expect(() => loadConfig({ POSTGRES_SANDBOX_PORT: bad }))
        .to.throw(ConfigError)
        .with.property('problems')
        .that.has.length(1)
        .and.satisfies((problems: string[]) => problems[0]?.startsWith('POSTGRES_SANDBOX_PORT: '));
    }
  });

  it('when NODE_ID is unset, then it is the host name; heartbeat 2 s, expiry 6 s; a bad id and a short expiry are listed', () => {
    expect(loadConfig({}).node).to.deep.equal({
      id: os
        .hostname()
        .replace(/[^A-Za-z0-9._-]/g, '-')
        .slice(0, 64),
      heartbeatMs: 2000,
      expiryMs: 6000,
    });
    expect(loadConfig({ NODE_ID: 'pay-2.sh', NODE_HEARTBEAT_MS: '1000', NODE_EXPIRY_MS: '3000' }).node).to.deep.equal({
      id: 'pay-2.sh',
      heartbeatMs: 1000,
      expiryMs: 3000,
    });
    expect(problems({ NODE_ID: 'node one' })).to.deep.equal([
      'NODE_ID: must be 1–64 letters, digits, dots, dashes or underscores',
    ]);
    expect(problems({ NODE_HEARTBEAT_MS: '5000', NODE_EXPIRY_MS: '10000' })).to.deep.equal([
      'NODE_EXPIRY_MS: must be at least 3 × NODE_HEARTBEAT_MS',
    ]);
  });

  it('when ARI_APPS is unset, then the apps are ARI_APP alone; a list is trimmed and must name ARI_APP', () => {
    expect(loadConfig({}).ari.apps).to.deep.equal(['ivrpay']);
    expect(loadConfig({ ARI_APP: 'pay-a' }).ari.apps).to.deep.equal(['pay-a']);
    expect(loadConfig({ ARI_APP: 'pay-b', ARI_APPS: 'pay-a, pay-b' }).ari.apps).to.deep.equal(['pay-a', 'pay-b']);
    expect(problems({ ARI_APP: 'pay-c', ARI_APPS: 'pay-a,pay-b' })).to.deep.equal(['ARI_APPS: must include ARI_APP']);
    expect(problems({ ARI_APPS: 'ivrpay;pay-b' })).to.include(
      'ARI_APPS: app names (letters, digits, - and _) separated by commas',
    );
  });

  it('when ARI_SERVERS is unset, then ARI_URL is the one server; a list is trimmed, each an ARI URL, none twice', () => {
    expect(loadConfig({}).ari.servers).to.deep.equal(['http://127.0.0.1:8088']);
    expect(loadConfig({ ARI_URL: 'http://pbx:8088/' }).ari.servers).to.deep.equal(['http://pbx:8088']);
    expect(loadConfig({ ARI_SERVERS: 'http://pbx-1:8088, https://pbx-2:8089/' }).ari.servers).to.deep.equal([
      'http://pbx-1:8088',
      'https://pbx-2:8089',
    ]);
    expect(problems({ ARI_SERVERS: 'http://pbx-1:8088,pbx-2:8088' })).to.deep.equal([
      'ARI_SERVERS.1: ARI URLs (http:// or https://) separated by commas',
    ]);
    expect(problems({ ARI_SERVERS: 'http://pbx-1:8088,http://pbx-1:8088' })).to.deep.equal([
      'ARI_SERVERS: a server is listed twice',
    ]);
  });

  it('when DATABASE_URL is unset or sqlite:, then the store is SQLite; a postgres URL selects PostgreSQL, masked for logs', () => {
    expect(loadConfig({}).database).to.deep.equal({ kind: 'sqlite' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:' }).database).to.deep.equal({ kind: 'sqlite' });
    const url = 'postgres://ivrpay:s3cret@db.example:5432/ivrpay';
    expect(loadConfig({ DATABASE_URL: url }).database).to.deep.equal({
      kind: 'postgres',
      url,
      maskedUrl: 'postgres://ivrpay:***@db.example:5432/ivrpay',
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://h/db' }).database.kind).to.equal('postgres');
    for (const bad of ['mysql://u:p@h/db', 'postgres://u:p@h', 'sqlite:/tmp/x.sqlite', 'not a url']) {
      expect(() => loadConfig({ DATABASE_URL: bad }))
        .to.throw(ConfigError)
        .with.property('problems')
        .that.satisfies((problems: string[]) => problems.length === 1 && !problems[0].includes('p@h'));
    }
  });

  it('when ACQUIRER_CUT_OFF is unset, then the cut-off is 23:00; an HH:MM is taken; anything else is listed', () => {
    expect(loadConfig({}).acquirer.cutOff).to.equal('23:00');
    expect(loadConfig({ ACQUIRER_CUT_OFF: '22:30' }).acquirer.cutOff).to.equal('22:30');
    for (const bad of ['24:00', '9:00', '23:60', '2300']) {
      expect(() => loadConfig({ ACQUIRER_CUT_OFF: bad }))
        .to.throw(ConfigError)
        .with.property('problems')
        .that.deep.equals(['ACQUIRER_CUT_OFF: must be HH:MM, Beijing time (00:00 to 23:59)']);
    }
  });

  it('when ARI_FIELD_VARIABLE is unset, then it is on with the sandbox acquirer; on/off set it; anything else is listed', () => {
    expect(loadConfig({}).ari.fieldVariable).to.equal(true);
    expect(loadConfig({ ARI_FIELD_VARIABLE: 'off' }).ari.fieldVariable).to.equal(false);
    expect(() => loadConfig({ ARI_FIELD_VARIABLE: 'yes' }))
      .to.throw(ConfigError)
      .with.property('problems')
      .that.deep.equals(['ARI_FIELD_VARIABLE: must be on or off']);
  });

  it('when LANGUAGE_SWITCH is unset, then the offer is on with a 2 s wait; off turns it off; anything else is listed', () => {
    expect(loadConfig({}).ivr).to.include({ languageSwitch: true, languageSwitchTimeoutMs: 2000 });
    expect(loadConfig({ LANGUAGE_SWITCH: 'off', LANGUAGE_SWITCH_TIMEOUT_MS: '3500' }).ivr).to.include({
      languageSwitch: false,
      languageSwitchTimeoutMs: 3500,
    });
    const error = (() => {
      try {
        return loadConfig({ LANGUAGE_SWITCH: 'yes', LANGUAGE_SWITCH_TIMEOUT_MS: '50' });
      } catch (err) {
        return err;
      }
    })();
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).to.include('LANGUAGE_SWITCH: must be on or off');
    expect(problems.map((p) => p.split(':')[0])).to.have.members(['LANGUAGE_SWITCH', 'LANGUAGE_SWITCH_TIMEOUT_MS']);
  });

  it('when an empty value is given, then it counts as unset', () => {
    expect(loadConfig({ HTTP_PORT: '' }).http.port).to.equal(3000);
  });

  it('when several values are bad, then every problem is listed at once', () => {
    let error: unknown;
    try {
      loadConfig({ HTTP_PORT: 'eighty', ARI_URL: 'ftp://x', IVR_MAX_ATTEMPTS: '0', DEFAULT_LANGUAGE: 'fr', ARI_APP: 'a b' });
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems).to.have.members(['HTTP_PORT', 'ARI_URL', 'IVR_MAX_ATTEMPTS', 'DEFAULT_LANGUAGE', 'ARI_APP']);
  });
});

describe('main with a bad configuration', () => {
  it('when the service starts with bad settings, then it lists them and exits with code 2', async function () {
    this.timeout(30_000);
    const result = await run('npx', ['tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, HTTP_PORT: '99999', LOG_LEVEL: 'loud' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('HTTP_PORT').and.to.contain('LOG_LEVEL');
  });
});

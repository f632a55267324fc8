import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { loadConfig } from '../../src/config/config';
import {
  renderAsteriskConfig,
  renderTemplate,
  resolvedDialplan,
  SANDBOX_DIALPLAN,
  sandboxValues,
  writeAsteriskConfig,
  type SandboxValues,
} from '../../scripts/asterisk/asterisk-config';

const projectRoot = path.resolve(__dirname, '..', '..');
const templateDir = path.join(projectRoot, 'dialplan');
const secrets = { ariPassword: 'ari-secret-123', sipPassword: 'sip-secret-456', postgresPassword: 'pg-secret-789' };

function values(env: NodeJS.ProcessEnv = {}): SandboxValues {
  return sandboxValues(loadConfig({ DATA_DIR: '/srv/ivrpay/data', SOUNDS_DIR: '/srv/ivrpay/sounds', ...env }), secrets);
}

/** Lines Asterisk reads: comments and blank lines dropped. */
function settings(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/;.*$/, '').trim())
    .filter((line) => line !== '');
}

describe('sandbox Asterisk configuration', () => {
  const files = renderAsteriskConfig(templateDir, values({ ARI_URL: 'http://127.0.0.1:8099', SIP_PORT: '5070' }));
  const file = (name: string): string => files.get(name) ?? expect.fail(`${name} not rendered`);

  it('when rendered, then no placeholder is left in any file', () => {
    for (const [name, text] of files) expect(text, name).not.to.match(/\{\{|\}\}/);
  });

  it('when rendered, then logger.conf never enables the dtmf level', () => {
    expect(settings(file('logger.conf')).join('\n')).not.to.match(/dtmf/i);
    expect(settings(file('logger.conf'))).to.include('messages.log => notice,warning,error,verbose');
  });

  it('when rendered, then verbose stays below 3, where dialplan Read() logs the keys a caller entered', () => {
    const verbose = settings(file('asterisk.conf')).find((line) => line.startsWith('verbose'));
    expect(Number(verbose?.split('=')[1])).to.be.lessThan(3);
  });

  it('when rendered, then HTTP (and so ARI) binds loopback on the port of ARI_URL', () => {
    expect(settings(file('http.conf'))).to.include.members(['bindaddr = 127.0.0.1', 'bindport = 8099']);
  });

  it('when rendered, then asterisk.conf points every folder into DATA_DIR/asterisk without the "(!)" template marker', () => {
    const lines = settings(file('asterisk.conf'));
    expect(lines).to.include('[directories]');
    expect(lines.join('\n')).not.to.include('(!)');
    const dirs = lines.filter((l) => l.includes('=>'));
    expect(dirs).to.have.length.above(5);
    for (const line of dirs) expect(line).to.match(/=> \/srv\/ivrpay\/data\/asterisk\/[a-z]+$/);
  });

  it('mounts every folder Asterisk reads prompts from read-only: recorded, generated (their fallback), greetings', () => {
    const recorded = values().readOnlyDirs;
    expect(recorded).to.have.length(3);
    expect(recorded[0]).to.equal('/srv/ivrpay/sounds');
    expect(recorded[1]).to.match(/\/sounds$/);
    expect(recorded[2]).to.equal('/srv/ivrpay/data/greetings');
  });

  it('when rendered, then the ARI user and its password are in ari.conf', () => {
    expect(settings(file('ari.conf'))).to.include.members(['[ivrpay]', 'type = user', 'password = ari-secret-123']);
  });

  it('when rendered, then softphone 1001 authenticates with the SIP password on a loopback transport', () => {
    const lines = settings(file('pjsip.conf'));
    expect(lines).to.include.members([
      'bind = 127.0.0.1:5070',
      'username = 1001',
      'password = sip-secret-456',
      'context = ivrpay-inbound',
    ]);
    // auto_info: RFC 4733 events when the phone offers them, SIP INFO keys always taken (issue 13 §2).
    expect(lines).to.include('dtmf_mode = auto_info');
  });

  it("when rendered, then the test suite's SIP account enters the test context, and the test agent takes no calls", () => {
    const text = file('pjsip.conf');
    expect(text).to.match(/^\[sipp-test\]\(sip-phone\)\ncontext = ivrpay-inbound-test$/m);
    expect(text).to.match(/^\[agent-test\]\(sip-phone\)\ncontext = ivrpay-no-calls$/m);
    expect(settings(text)).to.include('username = sipp-test');
  });

  it('when rendered, then both inbound extensions enter the apps with the pay code and fall back to the prompt', () => {
    const text = resolvedDialplan((name) => files.get(name));
    expect(text).to.match(/^exten => _X\.,1,Gosub\(ivrpay-pay-code,s,1\(\$\{EXTEN\}\)\)$/m);
    expect(text).to.match(/^exten => s,1,Gosub\(ivrpay-pay-code,s,1\(\$\{EXTEN\}\)\)$/m);
    const enter =
      /Gosub\(ivrpay-stasis,s,1\(\$\{IVRPAY_APPS\},inbound,\$\{IVRPAY_PAY_CODE\},\$\{GOSUB_RETVAL\}\)\)\n same => n,Goto\(ivrpay-unavailable,s,1\)/g;
    expect(text.match(enter)).to.have.length(2);
    const tests =
      /Gosub\(ivrpay-stasis,s,1\(ivrpay-test&ivrpay-test-node-a&ivrpay-test-node-b,inbound,\$\{IVRPAY_PAY_CODE\},\$\{GOSUB_RETVAL\}\)\)/g;
    expect(text.match(tests)).to.have.length(2);
    expect(text).to.include('Playback(/srv/ivrpay/sounds/zh/service-unavailable)');
    expect(text).to.include('PJSIP_HEADER(read,X-Pay-Code)');
    expect(text).not.to.match(/Stasis\(ivrpay(-test)?,/);
  });

  it('when ARI_APPS is unset, then IVRPAY_APPS is ARI_APP alone, so one node gets every call as before; a list is joined by &', () => {
    const globals = (env: NodeJS.ProcessEnv) =>
      settings(renderAsteriskConfig(templateDir, values(env)).get('extensions.conf') ?? '').filter((l) =>
        l.startsWith('IVRPAY_APPS='),
      );
    expect(globals({})).to.deep.equal(['IVRPAY_APPS=ivrpay']);
    expect(globals({ ARI_APP: 'shop-ivr' })).to.deep.equal(['IVRPAY_APPS=shop-ivr']);
    expect(globals({ ARI_APP: 'pay-b', ARI_APPS: 'pay-a,pay-b' })).to.deep.equal(['IVRPAY_APPS=pay-a&pay-b']);
  });

  it('when a call enters ivrpay-stasis, then it starts at a random app, tries each once while Stasis fails, and returns the last status', () => {
    const lines = settings(resolvedDialplan((name) => files.get(name)));
    const start = lines.indexOf('[ivrpay-stasis]');
    const stasis = lines.slice(
      start + 1,
      lines.findIndex((l, i) => i > start && l.startsWith('[')),
    );
    expect(stasis).to.include.members([
      'same => n,Set(LOCAL(count)=${FIELDQTY(apps,&)})',
      'same => n,Set(LOCAL(at)=${RAND(1,${count})})',
      'same => n(try),Set(LOCAL(app)=${CUT(apps,&,${at})})',
      'same => n,Set(LOCAL(at)=$[${at} % ${count} + 1])',
      'same => n,Stasis(${app},${ARG2},${ARG3})',
      'same => n(three),Stasis(${app},${ARG2},${ARG3},${ARG4})',
      'same => n(tried),GotoIf($["${STASISSTATUS}" = "FAILED" & ${left} > 0]?try)',
      'same => n,Return(${STASISSTATUS})',
    ]);
    // A channel a surviving node continues (no context: the next priority) returns from here to the fallback.
    const text = resolvedDialplan((name) => files.get(name));
    expect(text).to.include('Gosub(ivrpay-stasis,s,1(${IVRPAY_APPS},agent-assist,${FILTER(0-9A-Za-z_,${EXTEN})}))');
  });

  it('when ARI_APP is changed, then the inbound context enters that app and the test context keeps the test apps', () => {
    const shop = renderAsteriskConfig(templateDir, values({ ARI_APP: 'shop-ivr' }));
    const text = resolvedDialplan((name) => shop.get(name));
    expect(text).to.include('IVRPAY_APPS=shop-ivr');
    expect(text).to.include('Gosub(ivrpay-stasis,s,1(ivrpay-test&ivrpay-test-node-a&ivrpay-test-node-b,inbound,');
  });

  it('when rendered, then extensions.conf includes the sandbox’s test and benchmark contexts, rendered beside it', () => {
    const includes = settings(file('extensions.conf')).filter((line) => line.startsWith('#include'));
    expect(includes).to.deep.equal(['#include "extensions-tests.conf"', '#include "extensions-bench.conf"']);
    for (const name of SANDBOX_DIALPLAN) expect(file(name)).to.match(/^\[ivrpay-/m);
  });

  it('when a production Asterisk takes dialplan/extensions.conf, then it gets the production contexts only', () => {
    const production = fs.readFileSync(path.join(templateDir, 'extensions.conf'), 'utf8');
    const contexts = settings(production).filter((line) => line.startsWith('['));
    expect(contexts).to.deep.equal([
      '[globals]',
      '[ivrpay-inbound]',
      '[ivrpay-agent-assist]',
      '[ivrpay-stasis]',
      '[ivrpay-pay-code]',
      '[ivrpay-return-to]',
      '[ivrpay-return]',
      '[ivrpay-result-headers]',
      '[ivrpay-unavailable]',
    ]);
    expect(production).not.to.match(/#include|ARI_TEST_APP|TEST_PHONE_APP|TEST_AGENT_APP/);
    const sandboxOnly = SANDBOX_DIALPLAN.flatMap((name) => settings(file(name)).filter((line) => line.startsWith('[')));
    expect(sandboxOnly).to.have.members([
      '[ivrpay-inbound-test]',
      '[ivrpay-agent-assist-test]',
      '[ivrpay-agent-desk-test]',
      '[ivrpay-return-test]',
      '[ivrpay-test-phones]',
      '[ivrpay-bench-app]',
      '[ivrpay-bench-cluster]',
      '[ivrpay-bench-dialplan]',
    ]);
  });

  it('when rendered, then modules are listed one by one and the SIP trace logger stays out', () => {
    const lines = settings(file('modules.conf'));
    expect(lines).to.include.members([
      'autoload = no',
      'load => res_ari.so',
      'load => res_pjsip_header_funcs.so',
      'load => app_stasis.so',
    ]);
    expect(lines.join('\n')).not.to.include('res_pjsip_logger');
  });

  it('when rendered, then rtp.conf has room for 400 calls and ICE is off', () => {
    const lines = settings(file('rtp.conf'));
    const start = Number(lines.find((l) => l.startsWith('rtpstart'))?.split('=')[1]);
    const end = Number(lines.find((l) => l.startsWith('rtpend'))?.split('=')[1]);
    expect(end - start + 1).to.be.at.least(800);
    expect(lines).to.include('icesupport = no');
  });

  it('when ARI_PASSWORD is set, then it wins over the generated password', () => {
    expect(values({ ARI_PASSWORD: 'from-the-env-1' }).ariPassword).to.equal('from-the-env-1');
    expect(values().ariPassword).to.equal('ari-secret-123');
  });

  it('when ARI_URL is not plain HTTP on loopback, then the sandbox refuses it', () => {
    expect(() => values({ ARI_URL: 'http://10.0.0.5:8088' })).to.throw(/ARI_URL/);
    expect(() => values({ ARI_URL: 'https://127.0.0.1:8089' })).to.throw(/ARI_URL/);
  });

  it('when a password holds a ";", then rendering fails instead of cutting it at the comment sign', () => {
    expect(() => renderAsteriskConfig(templateDir, values({ ARI_PASSWORD: 'abc;defghij' }))).to.throw(/ARI_PASSWORD/);
  });

  it('when a template names an unknown placeholder, then rendering fails', () => {
    expect(() => renderTemplate('x.conf', 'a = {{NOPE}}', {})).to.throw(/NOPE/);
  });
});

describe('writing the sandbox configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-asterisk-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when written, then stale files go, folders exist and password files are private', () => {
    fs.mkdirSync(path.join(dir, 'etc'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'etc', 'old.conf'), 'x');
    writeAsteriskConfig(dir, renderAsteriskConfig(templateDir, values()));
    expect(fs.existsSync(path.join(dir, 'etc', 'old.conf'))).to.equal(false);
    for (const sub of ['log', 'run', 'spool', 'lib', 'db', 'cache', 'keys'])
      expect(fs.statSync(path.join(dir, sub)).isDirectory()).to.equal(true);
    expect(fs.statSync(path.join(dir, 'etc', 'ari.conf')).mode & 0o077).to.equal(0);
    expect(fs.statSync(path.join(dir, 'etc', 'pjsip.conf')).mode & 0o077).to.equal(0);
  });
});

describe('scripts/asterisk-sandbox', () => {
  const script = path.join(projectRoot, 'scripts', 'asterisk-sandbox');
  const run = promisify(execFile);

  it('when given an unknown command, then it prints the usage and exits 2', async () => {
    const err = await run('bash', [script, 'bogus']).then(
      () => expect.fail('should have failed'),
      (e: { code: number; stderr: string }) => e,
    );
    expect(err.code).to.equal(2);
    expect(err.stderr).to.include('start|stop|status|provision');
  });

  for (const args of [['status'], ['cli', 'core show channels']]) {
    it(`when nothing runs for this data folder, then ${args[0]} says stopped and exits 3`, async () => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-data-'));
      try {
        const err = await run('bash', [script, ...args], { env: { ...process.env, DATA_DIR: dataDir } }).then(
          () => expect.fail('should have exited 3'),
          (e: { code: number; stdout: string }) => e,
        );
        expect(err.code).to.equal(3);
        expect(err.stdout).to.include('stopped');
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }

  it('when cli is given no command, then it prints its usage and exits 2', async () => {
    const err = await run('bash', [script, 'cli']).then(
      () => expect.fail('should have failed'),
      (e: { code: number; stderr: string }) => e,
    );
    expect(err.code).to.equal(2);
    expect(err.stderr.trim()).to.equal("asterisk-sandbox: usage: scripts/asterisk-sandbox cli '<asterisk CLI command>'");
  });
});

import path from 'node:path';
import { expect } from 'chai';
import { loadConfig } from '../../src/config/config';
import { renderAsteriskConfig, resolvedDialplan, sandboxValues, TEST_PHONE_APP } from '../../scripts/asterisk/asterisk-config';

const templateDir = path.resolve(__dirname, '..', '..', 'dialplan');

/** The dialplan lines of one context, comments dropped. */
function context(text: string, name: string): string[] {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/;.*$/, '').trim())
    .filter(Boolean);
  const start = lines.indexOf(`[${name}]`);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.startsWith('['));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

describe('sandbox dialplan: the callback test phones', () => {
  const config = loadConfig({ DATA_DIR: '/srv/ivrpay/data', SOUNDS_DIR: '/srv/ivrpay/sounds' });
  const files = renderAsteriskConfig(
    templateDir,
    sandboxValues(config, { ariPassword: 'a-secret-1', sipPassword: 's-secret-2', postgresPassword: 'p-secret-3' }),
  );
  const phones = context(
    resolvedDialplan((name) => files.get(name)),
    'ivrpay-test-phones',
  );

  it('when rendered, then the number that pays hands the call to the simulated cardholder’s app, never the IVR’s', () => {
    expect(phones).to.include(`exten => 13800000001,1,Stasis(${TEST_PHONE_APP},\${EXTEN})`);
    expect(phones, 'one number per order, for the cluster test').to.include(
      `exten => _138000010XX,1,Stasis(${TEST_PHONE_APP},\${EXTEN})`,
    );
    expect(phones.join('\n')).to.not.match(/Stasis\(ivrpay(-test)?,/);
  });

  it('when rendered, then busy, congestion, no answer and a missing number each have their extension', () => {
    expect(phones).to.include.members([
      'exten => 13800000003,1,Busy(10)',
      'exten => 13800000004,1,Congestion(10)',
      'exten => 13800000005,1,Ringing()',
      'exten => _X.,1,Hangup(1)',
    ]);
  });

  it('when the default callback endpoint is used, then it names this context', () => {
    expect(config.callback.endpoint).to.equal('Local/{dial}@ivrpay-test-phones');
  });
});

import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ HOME: '/home/x', ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => p.split(':')[0]);
    throw err;
  }
  return [];
}

describe('config: callback and SMS settings', () => {
  it('when nothing is set, then 10 of 30 lines with 5 reserved, 5 calls a second, Beijing, and the SMS outbox', () => {
    const config = loadConfig({ HOME: '/home/x' });
    expect(config.callback).to.deep.include({
      lines: { total: 30, maxOutbound: 10, reservedInbound: 5 },
      callsPerSecond: 5,
      ringTimeoutSec: 45,
      orderExpiresSeconds: 86400,
      homeAreaCode: '010',
      mobileZeroOutOfArea: false,
    });
    expect(config.callback).not.to.have.property('segmentsFile');
    expect(config.sms).to.deep.equal({
      provider: 'outbox',
      maxPerOrder: 1,
      inboundNumber: '4008205588',
      signature: 'ivrpay',
      abandonedCallDelayMs: 120_000,
    });
  });

  it('when values are given, then they are parsed and typed', () => {
    const config = loadConfig({
      TRUNK_LINES: '60',
      CALLBACK_MAX_LINES: '20',
      CALLBACK_CPS: '2.5',
      CALLBACK_HOME_AREA_CODE: '0755',
      CALLBACK_MOBILE_ZERO_OUT_OF_AREA: 'true',
      CALLBACK_SEGMENTS_FILE: '/etc/ivrpay/segments.csv',
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: 'https://sms.example/send',
      SMS_HTTP_TOKEN: 't',
      SMS_ABANDONED_CALL_DELAY_MS: '0',
    });
    expect(config.sms.abandonedCallDelayMs).to.equal(0);
    expect(config.callback).to.deep.include({
      callsPerSecond: 2.5,
      homeAreaCode: '0755',
      mobileZeroOutOfArea: true,
      segmentsFile: '/etc/ivrpay/segments.csv',
    });
    expect(config.callback.lines).to.deep.equal({ total: 60, maxOutbound: 20, reservedInbound: 5 });
    expect(config.sms.http).to.deep.include({ url: 'https://sms.example/send', token: 't', timeoutMs: 10000, retries: 2 });
  });

  it('when values are bad or do not fit together, then every problem is listed at once', () => {
    expect(
      problemsOf({
        CALLBACK_HOME_AREA_CODE: '10',
        CALLBACK_MOBILE_ZERO_OUT_OF_AREA: 'maybe',
        CALLBACK_CPS: '0',
        SMS_INBOUND_NUMBER: '400-812',
        TRUNK_LINES: '4',
        SMS_PROVIDER: 'http',
        SMS_ABANDONED_CALL_DELAY_MS: '3600001',
      }),
    ).to.have.members([
      'SMS_ABANDONED_CALL_DELAY_MS',
      'CALLBACK_HOME_AREA_CODE',
      'CALLBACK_MOBILE_ZERO_OUT_OF_AREA',
      'CALLBACK_CPS',
      'SMS_INBOUND_NUMBER',
      'CALLBACK_RESERVED_INBOUND_LINES',
      'SMS_HTTP_URL',
    ]);
  });
});

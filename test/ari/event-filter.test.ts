import { expect } from 'chai';
import pino from 'pino';
import { callEventTypes } from '../../src/ari/call-event';
import { filterAppEvents, handledEventTypes } from '../../src/ari/event-filter';
import { outboundEventTypes } from '../../src/ari/outbound-event';
import { startStasisApp } from '../../src/ari/stasis-app';
import { captureLog } from './capture-log';
import { FakeAriClient } from './fake-ari-client';
import { createSoundLibrary } from '../../src/sounds/sound-library';

describe('ari/filterAppEvents', () => {
  it('when called, then Asterisk is asked for exactly the given event types for the app', async () => {
    const client = new FakeAriClient();
    await filterAppEvents(client.asClient(), 'ivrpay', ['StasisStart', 'PlaybackFinished'], 1000, pino({ level: 'silent' }));
    expect(client.ops('applications.filter')).to.deep.equal([
      { applicationName: 'ivrpay', filter: { allowed: [{ type: 'StasisStart' }, { type: 'PlaybackFinished' }] } },
    ]);
  });

  it('when Asterisk refuses the filter, then it is logged and the app goes on', async () => {
    const client = new FakeAriClient();
    client.respond = () => Promise.reject(new Error('{"message":"Not found"}'));
    const captured = captureLog();
    await filterAppEvents(client.asClient(), 'ivrpay', ['StasisStart'], 1000, captured.log);
    expect(captured.lines().map((l) => (JSON.parse(l) as { msg: string }).msg)).to.include(
      'could not limit the events Asterisk sends the app: all of them come',
    );
  });

  it('when the app handles call and outbound events, then all of them are allowed, and playback starts are not', () => {
    expect(handledEventTypes).to.include.members(['StasisStart', ...callEventTypes, ...outboundEventTypes]);
    expect(handledEventTypes).to.not.include.members(['PlaybackStarted', 'PlaybackContinuing', 'ChannelVarset']);
  });

  it('when the Stasis app connects, then it filters its events before taking calls', async () => {
    const client = new FakeAriClient();
    const app = await startStasisApp({
      url: 'http://127.0.0.1:8088',
      user: 'ivrpay',
      password: 'secret',
      app: 'ivrpay-unit',
      sounds: createSoundLibrary({ generatedDir: '/snd', greetingsDir: '/greetings' }),
      requestTimeoutMs: 1000,
      defaultLanguage: 'zh',
      returnContext: 'ivrpay-return',
      log: pino({ level: 'silent' }),
      onCall: async () => {},
      connect: () => Promise.resolve(client.asClient()),
    });
    try {
      const [request] = client.ops('applications.filter');
      expect(request).to.deep.include({ applicationName: 'ivrpay-unit' });
      expect((request.filter as { allowed: { type: string }[] }).allowed.map((a) => a.type)).to.have.members([
        ...handledEventTypes,
      ]);
    } finally {
      await app.stop({ graceMs: 0 });
    }
  });
});

import { expect } from 'chai';
import pino from 'pino';
import { createAriAssistLine } from '../../src/ari/ari-assist-line';
import type { OriginateChannel } from '../../src/ari/ari-ops';
import type { OutboundWatch } from '../../src/ari/outbound-lines';
import { FakeCall } from '../helpers/fake-call';
import { FakeAriOps } from './fake-ari-ops';

function setup(absorb = true, mute = true) {
  const ops = new FakeAriOps();
  const originated: { channel: Omit<OriginateChannel, 'app'>; watch: OutboundWatch }[] = [];
  const hungUp: string[] = [];
  let n = 0;
  const line = createAriAssistLine({
    ops,
    originate: (channel, watch) => {
      originated.push({ channel, watch });
      return Promise.resolve({ release: () => {}, hangup: () => Promise.resolve(void hungUp.push(channel.channelId)) });
    },
    endpointOf: (extension) => `PJSIP/${extension}`,
    ringTimeoutSec: 30,
    absorbDtmf: () => absorb,
    muteCardholder: () => mute,
    log: pino({ level: 'silent' }),
    newId: () => `id${++n}`,
  });
  return { ops, line, originated, hungUp };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ari/createAriAssistLine', () => {
  it('when a bridge is opened, then the cardholder is put in a mixing bridge with its DTMF absorbed', async () => {
    const { ops, line } = setup();
    await line.open(new FakeCall({ id: 'holder' }));
    expect(ops.of('createBridge')).to.deep.equal([['assist-id1']]);
    expect(ops.of('addToBridge')).to.deep.equal([['assist-id1', 'holder', { absorbDtmf: true }]]);
  });

  it('when the test-only option turns absorption off, then the cardholder’s DTMF is not absorbed', async () => {
    const { ops, line } = setup(false);
    await line.open(new FakeCall({ id: 'holder' }));
    expect(ops.of('addToBridge')[0][2]).to.deep.equal({ absorbDtmf: false });
  });

  it('when the cardholder is muted and unmuted, then the sound the cardholder’s channel sends in is muted and unmuted', async () => {
    const { ops, line } = setup();
    const bridge = await line.open(new FakeCall({ id: 'holder' }));
    await bridge.muteCardholder(true);
    await bridge.muteCardholder(false);
    expect(ops.of('muteIncoming')).to.deep.equal([
      ['holder', true],
      ['holder', false],
    ]);
  });

  it('when the test-only option turns muting off, then no mute is asked of Asterisk', async () => {
    const { ops, line } = setup(true, false);
    const bridge = await line.open(new FakeCall({ id: 'holder' }));
    await bridge.muteCardholder(true);
    expect(ops.of('muteIncoming')).to.deep.equal([]);
  });

  it('when the agent answers, then the agent’s PJSIP endpoint was originated into the app with the cardholder’s call, and bridged', async () => {
    const { ops, line, originated } = setup();
    const bridge = await line.open(new FakeCall({ id: 'holder' }));
    const dialling = bridge.dialAgent('8001', '13812345678');
    await settle();
    expect(originated[0].channel).to.deep.include({ endpoint: 'PJSIP/8001', appArgs: ['agent-leg', 'holder'], timeoutSec: 30 });
    const agent = new FakeCall({ id: originated[0].channel.channelId });
    const legRuns = line.agentAnswered(agent);

    const leg = await dialling;
    expect(leg?.signal.aborted).to.equal(false);
    expect(ops.of('addToBridge')[1]).to.deep.equal(['assist-id1', agent.id, { absorbDtmf: false }]);

    await bridge.close();
    expect(agent.scriptHungUp).to.equal(true);
    expect(ops.of('destroyBridge')).to.deep.equal([['assist-id1']]);
    await legRuns;
  });

  it('when the agent’s phone is never answered, then the dial resolves with no leg', async () => {
    const { line, originated } = setup();
    const bridge = await line.open(new FakeCall({ id: 'holder' }));
    const dialling = bridge.dialAgent('8001', '');
    await settle();
    originated[0].watch({ type: 'destroyed', channelId: originated[0].channel.channelId, cause: 19 });
    expect(await dialling).to.equal(undefined);
  });

  it('when the cardholder hangs up while the agent rings, then the ringing leg is hung up and the dial resolves with no leg', async () => {
    const { line, originated, hungUp } = setup();
    const holder = new FakeCall({ id: 'holder' });
    const bridge = await line.open(holder);
    const dialling = bridge.dialAgent('8001', '');
    await settle();
    holder.hangUpNow();
    expect(await dialling).to.equal(undefined);
    expect(hungUp).to.deep.equal([originated[0].channel.channelId]);
  });

  it('when an agent leg answers that no call waits for, then its script ends at once (the app hangs it up)', async () => {
    const { line } = setup();
    await line.agentAnswered(new FakeCall({ id: 'stray' }));
  });
});

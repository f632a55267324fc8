import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import * as ari from 'ari-client';
import type { Client, StasisStart } from 'ari-client';
import { TEST_AGENT_APP } from '../scripts/asterisk/asterisk-config';
import { quietSwagger } from '../src/ari/quiet-swagger';

/** The simulated cardholder's own Stasis app: its Local channel's ;1 half waits here while ;2 is ivrpay's. */
const CARDHOLDER_APP = 'ivrpay-test-cardholder';
/** Each key's low and high tone (ITU-T Q.23), in Hz. */
const KEY_TONES: Record<string, string> = {
  '1': '697+1209',
  '2': '697+1336',
  '3': '697+1477',
  '4': '770+1209',
  '5': '770+1336',
  '6': '770+1477',
  '7': '852+1209',
  '8': '852+1336',
  '9': '852+1477',
  '*': '941+1209',
  '0': '941+1336',
  '#': '941+1477',
};
/** Where the cardholder dials in: the test suite's app instance, unless told (the demo calls `npm start`'s). */
const TEST_ASSIST_CONTEXT = 'ivrpay-agent-assist-test';

export interface SimulatedCardholder {
  /** ivrpay's side of the call (the Local channel's ;2 half): the call id the agent page and the API name. */
  callId: string;
  /** Plays a steady tone into the call, standing for the cardholder's voice. */
  playTone(frequency: number, ms: number): Promise<void>;
  /** Keys DTMF as most phones send it: frames, never audio, through the Local channel. */
  keys(dtmf: string): Promise<void>;
  /**
   * Keys DTMF as a phone or gateway that also sends the keys as sound: each key's two tones played into the call
   * (100 ms), then its DTMF frame, 100 ms apart.
   */
  keysAloud(dtmf: string): Promise<void>;
  hangup(): Promise<void>;
}

export interface AgentRecording {
  /** The finished WAV of everything the agent's desk phone received, once its call has ended. */
  file: Promise<string>;
}

/**
 * Two simulated legs of an agent-assisted call through the sandbox Asterisk, for test/e2e/agent-assist.e2e.test.ts
 * and `npm run demo -- --agent`: a cardholder dialling the agent extension through an agent-assist context, and the
 * far end of the loopback desk phone 7001 (dialplan/pjsip.conf), answered and recorded: what the agent hears.
 */
export class AssistLegs {
  private readonly agentCalls: ((channelId: string) => void)[] = [];
  /** Channels we wait for by id (our cardholder's half, a snoop channel): told when they enter our app. */
  private readonly answered = new Map<string, () => void>();
  private readonly recordingsDone = new Map<string, () => void>();
  /** Playbacks we time from their start (a playback queued behind a DTMF frame starts late), by id. */
  private readonly playbacksStarted = new Map<string, () => void>();

  private constructor(
    private readonly client: Client,
    private readonly recordingDir: string,
  ) {
    client.on('StasisStart', (event: StasisStart) => {
      const id = event.channel.id;
      if (this.answered.has(id)) this.answered.get(id)?.();
      else if (event.application === TEST_AGENT_APP) this.agentCalls.shift()?.(id);
    });
    client.on('PlaybackStarted', (event: { playback: { id: string } }) => {
      this.playbacksStarted.get(event.playback.id)?.();
      this.playbacksStarted.delete(event.playback.id);
    });
    client.on('RecordingFinished', (event: { recording: { name: string } }) => {
      this.recordingsDone.get(event.recording.name)?.();
    });
  }

  static async connect(opts: { url: string; user: string; password: string; asteriskDir: string }): Promise<AssistLegs> {
    const client = await quietSwagger(() => ari.connect(opts.url, opts.user, opts.password));
    const legs = new AssistLegs(client, path.join(opts.asteriskDir, 'spool', 'recording'));
    await client.start([CARDHOLDER_APP, TEST_AGENT_APP]);
    return legs;
  }

  /**
   * Answers the next call to the agent's desk phone and records what it receives, under `name`. Recorded through a
   * snoop channel: a channel recorded directly stops after 4 s without a frame ("No audio available"), and while
   * nobody speaks and no key reaches the agent, no frame comes. Silent stretches are therefore left out of the file.
   */
  recordNextAgent(name: string): AgentRecording {
    const file = new Promise<string>((resolve, reject) => {
      this.agentCalls.push((channelId) => {
        const finished = new Promise<void>((done) => this.recordingsDone.set(name, done));
        const snoopId = `snoop-${randomUUID()}`;
        const snooping = new Promise<void>((up) => this.answered.set(snoopId, up));
        const record = async () => {
          // Asterisk records into its spool's recording folder, which it does not create.
          fs.mkdirSync(this.recordingDir, { recursive: true });
          await this.client.channels.answer({ channelId });
          await this.client.channels.snoopChannel({ channelId, snoopId, spy: 'in', app: TEST_AGENT_APP });
          await snooping;
          await this.client.channels.record({
            channelId: snoopId,
            name,
            format: 'wav',
            ifExists: 'overwrite',
            beep: false,
            terminateOn: 'none',
            maxDurationSeconds: 0,
            maxSilenceSeconds: 0,
          });
          await finished;
          return path.join(this.recordingDir, `${name}.wav`);
        };
        record().then(resolve, reject);
      });
    });
    return { file };
  }

  /** Answers the next call to the agent's desk phone, as an agent picking up, and records nothing (the demo). */
  answerNextAgent(): void {
    this.agentCalls.push((channelId) => void this.client.channels.answer({ channelId }).catch(() => undefined));
  }

  /** Dials the agent extension as a cardholder; resolves once ivrpay has answered. */
  async dialIn(extension: string, callerId: string, context = TEST_ASSIST_CONTEXT): Promise<SimulatedCardholder> {
    const channelId = `holder-${randomUUID()}`;
    const callId = `${channelId}-ivr`;
    const up = new Promise<void>((resolve) => this.answered.set(channelId, resolve));
    await this.client.channels.originate({
      endpoint: `Local/${extension}@${context}`,
      app: CARDHOLDER_APP,
      appArgs: 'cardholder',
      channelId,
      otherChannelId: callId,
      callerId,
      formats: 'ulaw',
    });
    await up;
    const client = this.client;
    const play = async (tones: string, ms: number) => {
      const playbackId = randomUUID();
      const started = new Promise<void>((resolve) => this.playbacksStarted.set(playbackId, resolve));
      await client.channels.play({ channelId, media: `tone:${tones}`, playbackId });
      // Stopped `ms` after it started: a stop that came before would cancel it unheard.
      await started;
      await sleep(ms);
      await client.playbacks.stop({ playbackId });
    };
    return {
      callId,
      playTone: (frequency, ms) => play(String(frequency), ms),
      async keys(dtmf) {
        await client.channels.sendDTMF({ channelId, dtmf, between: 100, duration: 100 });
      },
      async keysAloud(dtmf) {
        for (const key of dtmf) {
          await play(KEY_TONES[key], 100);
          await client.channels.sendDTMF({ channelId, dtmf: key, duration: 100 });
          // The frame's 100 ms, then 100 ms before the next key (whose tones wait for the frame in any case).
          await sleep(200);
        }
      },
      async hangup() {
        await client.channels.hangup({ channelId }).catch(() => undefined);
      },
    };
  }

  /** Closes the WebSocket; the legs' channels are hung up by then. */
  close(): void {
    this.client.stop();
  }
}

import { expect } from 'chai';
import { detectDtmf, detectTone } from './dtmf-detector';

const RATE = 8000;
const TONES: Record<string, [number, number]> = {
  '1': [697, 1209],
  '2': [697, 1336],
  '3': [697, 1477],
  '4': [770, 1209],
  '5': [770, 1336],
  '6': [770, 1477],
  '7': [852, 1209],
  '8': [852, 1336],
  '9': [852, 1477],
  '*': [941, 1209],
  '0': [941, 1336],
  '#': [941, 1477],
};

/** A deterministic noise source, so a failure reproduces. */
function noise(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648 - 0.5;
  };
}

class Signal {
  readonly samples: number[] = [];
  private readonly random = noise(7);
  constructor(private readonly noiseAmplitude = 0) {}

  add(ms: number, frequencies: number[], amplitude: number): this {
    const n = Math.round((ms * RATE) / 1000);
    const start = this.samples.length;
    for (let i = 0; i < n; i++) {
      const t = (start + i) / RATE;
      const tone = frequencies.reduce((sum, f) => sum + amplitude * Math.sin(2 * Math.PI * f * t), 0);
      this.samples.push(Math.round(tone + this.noiseAmplitude * this.random()));
    }
    return this;
  }

  keys(digits: string, amplitude = 6000, onMs = 100, offMs = 100): this {
    for (const d of digits) this.add(onMs, TONES[d], amplitude).add(offMs, [], 0);
    return this;
  }
}

describe('helpers/dtmf-detector (Goertzel)', () => {
  it('when keys are played as DTMF tones, then each is found once, in order, with its timing', () => {
    const signal = new Signal().add(300, [], 0).keys('1234567890*#');
    const found = detectDtmf(signal.samples, RATE);
    expect(found.map((r) => r.key).join('')).to.equal('1234567890*#');
    expect(found[0].startMs).to.be.within(290, 330);
    expect(found[0].endMs - found[0].startMs).to.be.within(70, 110);
  });

  it('when the keys are quiet (−26 dBFS) under noise (−46 dBFS), then they are still all found', () => {
    const signal = new Signal(330).add(200, [], 0).keys('159#', 800);
    expect(
      detectDtmf(signal.samples, RATE)
        .map((r) => r.key)
        .join(''),
    ).to.equal('159#');
  });

  it('when only a 600 Hz test tone, one DTMF frequency alone, or noise is heard, then no key is found', () => {
    const signal = new Signal(2000).add(1000, [600], 8000).add(500, [697], 8000).add(500, [1336], 8000).add(500, [], 0);
    expect(detectDtmf(signal.samples, RATE)).to.deep.equal([]);
  });

  it('when a key is shorter than two blocks (a click), then it is not counted', () => {
    expect(detectDtmf(new Signal().keys('5', 6000, 30).samples, RATE)).to.deep.equal([]);
  });

  it('when a 600 Hz tone plays for a second between silences, then detectTone finds one run of about a second, and none at 1 kHz', () => {
    const signal = new Signal(100).add(500, [], 0).add(1000, [600], 5000).add(500, [], 0).keys('12');
    const runs = detectTone(signal.samples, RATE, 600);
    expect(runs).to.have.length(1);
    expect(runs[0].endMs - runs[0].startMs).to.be.within(950, 1050);
    expect(detectTone(signal.samples, RATE, 1000)).to.deep.equal([]);
  });

  it('when a tone has a 50 ms dropout (a lost packet), then it is one run; a 300 ms pause makes two', () => {
    const signal = new Signal().add(600, [600], 5000).add(50, [], 0).add(600, [600], 5000).add(300, [], 0).add(600, [600], 5000);
    const runs = detectTone(signal.samples, RATE, 600);
    expect(runs).to.have.length(2);
    expect(runs[0].endMs - runs[0].startMs).to.be.within(1200, 1300);
  });
});

import { expect } from 'chai';
import { recordingProblem } from '../../src/sounds/recording-spec';
import { wav } from './wav-builder';

describe('recordingProblem', () => {
  it('when the file is 8 kHz mono 16-bit PCM within 30 s, then there is no problem', () => {
    expect(recordingProblem(wav({ seconds: 29.9 }))).to.deep.equal({ seconds: 29.9 });
  });

  const cases: [string, Parameters<typeof wav>[0], RegExp][] = [
    ['a wrong rate', { sampleRate: 16_000 }, /^16000 Hz, not 8000 \(need WAV, 8000 Hz, mono, 16-bit PCM, at most 30 s\)$/],
    ['stereo', { channels: 2 }, /^2 channels, not mono/],
    ['8-bit', { bitsPerSample: 8 }, /^8-bit, not 16-bit/],
    ['float samples', { audioFormat: 3, bitsPerSample: 32 }, /^encoding format 3, not plain PCM, 32-bit, not 16-bit/],
    ['an extensible header', { audioFormat: 0xfffe }, /^encoding WAVE_FORMAT_EXTENSIBLE, not plain PCM/],
    ['more than 30 s', { seconds: 31 }, /^lasts 31\.0 s, more than 30 s$/],
    ['no audio', { seconds: 0 }, /^no audio/],
    ['a truncated file', { cutBytes: 1 }, /^truncated/],
  ];
  for (const [what, spec, problem] of cases) {
    it(`when the file has ${what}, then it is refused with the reason`, () => {
      expect(recordingProblem(wav(spec)).problem).to.match(problem);
    });
  }

  it('when the file is garbage, then it is refused', () => {
    expect(recordingProblem(Buffer.from('hello')).problem).to.equal('not a WAV file (no RIFF/WAVE header)');
  });
});

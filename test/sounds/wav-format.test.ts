import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readWav } from '../../src/sounds/wav-format';
import { wav } from './wav-builder';

describe('readWav', () => {
  it('when the file is 8 kHz mono 16-bit PCM, then it reads its format and duration', () => {
    expect(readWav(wav({ seconds: 2.5 }))).to.deep.equal({
      ok: true,
      format: { audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16, dataBytes: 40_000, seconds: 2.5 },
    });
  });

  it('when a chunk of odd length comes before the data, then it skips it with its padding byte', () => {
    const read = readWav(wav({ listBytes: 7, seconds: 1 }));
    expect(read.ok && read.format.dataBytes).to.equal(16_000);
  });

  it('when the file is stereo 44.1 kHz, then it says so', () => {
    const read = readWav(wav({ sampleRate: 44_100, channels: 2, seconds: 1 }));
    expect(read.ok && read.format).to.include({ sampleRate: 44_100, channels: 2, seconds: 1 });
  });

  it('reads a prompt made by make-sounds', () => {
    const file = readFileSync(path.resolve(__dirname, '..', '..', 'sounds', 'zh', 'goodbye.wav'));
    const read = readWav(file);
    expect(read.ok && read.format).to.include({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
  });

  it('when the file is cut short inside the data, then it is refused as truncated', () => {
    expect(readWav(wav({ cutBytes: 100 }))).to.deep.equal({
      ok: false,
      problem: 'truncated: the data chunk declares 16000 bytes, 15900 are present',
    });
  });

  it('when the file ends inside the header, then it is refused', () => {
    expect(readWav(wav().subarray(0, 30))).to.deep.equal({ ok: false, problem: 'truncated fmt chunk' });
    expect(readWav(wav().subarray(0, 40))).to.deep.equal({ ok: false, problem: 'no data chunk (truncated?)' });
  });

  it('when the file is not a WAV at all, then it is refused', () => {
    for (const garbage of [Buffer.alloc(0), Buffer.from('ID3\x04 an mp3 pretending'), Buffer.alloc(2000, 0xff)]) {
      expect(readWav(garbage)).to.deep.equal({ ok: false, problem: 'not a WAV file (no RIFF/WAVE header)' });
    }
  });

  it('when the RIFF body has no fmt chunk, then it is refused', () => {
    const file = Buffer.concat([Buffer.from('RIFF\x10\x00\x00\x00WAVEjunk\x00\x00\x00\x00', 'latin1')]);
    expect(readWav(file)).to.deep.equal({ ok: false, problem: 'no fmt chunk' });
  });
});

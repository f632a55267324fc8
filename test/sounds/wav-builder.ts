export interface WavSpec {
  sampleRate?: number;
  channels?: number;
  bitsPerSample?: number;
  /** 1 PCM, 3 float, 0xFFFE extensible. */
  audioFormat?: number;
  seconds?: number;
  /** A LIST chunk of this many bytes (odd to test the padding) before the data. */
  listBytes?: number;
  /** Bytes cut off the end of the file. */
  cutBytes?: number;
}

function chunk(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
}

/** A WAV file as a recorder would write it; by default what a prompt must be (8 kHz mono 16-bit PCM, 1 s). */
export function wav(spec: WavSpec = {}): Buffer {
  const { sampleRate = 8000, channels = 1, bitsPerSample = 16, audioFormat = 1, seconds = 1 } = spec;
  const blockAlign = (channels * bitsPerSample) / 8;
  const fmt = Buffer.alloc(16);
  fmt.writeUInt16LE(audioFormat, 0);
  fmt.writeUInt16LE(channels, 2);
  fmt.writeUInt32LE(sampleRate, 4);
  fmt.writeUInt32LE(sampleRate * blockAlign, 8);
  fmt.writeUInt16LE(blockAlign, 12);
  fmt.writeUInt16LE(bitsPerSample, 14);
  const data = Buffer.alloc(Math.round(seconds * sampleRate) * blockAlign, 0x11);
  const chunks = [
    chunk('fmt ', fmt),
    ...(spec.listBytes !== undefined ? [chunk('LIST', Buffer.alloc(spec.listBytes, 0x20))] : []),
    chunk('data', data),
  ];
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  const file = Buffer.concat([chunk('RIFF', body)]);
  return file.subarray(0, file.length - (spec.cutBytes ?? 0));
}

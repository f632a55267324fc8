/** What the header of a WAV file says about its audio. */
export interface WavFormat {
  /** 1 is integer PCM; 3 float, 6 A-law, 7 µ-law, 0xFFFE "extensible". */
  audioFormat: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Bytes of audio in the data chunk. */
  dataBytes: number;
  seconds: number;
}

export type WavRead = { ok: true; format: WavFormat } | { ok: false; problem: string };

/**
 * Reads the RIFF header of a whole WAV file: the `fmt ` chunk and the size of the `data` chunk (other
 * chunks, such as LIST, are skipped). Pure, so it is tested over buffers built in the test.
 */
export function readWav(file: Buffer): WavRead {
  if (file.length < 12 || file.toString('latin1', 0, 4) !== 'RIFF' || file.toString('latin1', 8, 12) !== 'WAVE') {
    return { ok: false, problem: 'not a WAV file (no RIFF/WAVE header)' };
  }
  let fmt: Omit<WavFormat, 'dataBytes' | 'seconds'> | undefined;
  for (let at = 12; at + 8 <= file.length; ) {
    const id = file.toString('latin1', at, at + 4);
    const size = file.readUInt32LE(at + 4);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > file.length) return { ok: false, problem: 'truncated fmt chunk' };
      fmt = {
        audioFormat: file.readUInt16LE(body),
        channels: file.readUInt16LE(body + 2),
        sampleRate: file.readUInt32LE(body + 4),
        bitsPerSample: file.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt) return { ok: false, problem: 'data chunk before the fmt chunk' };
      const present = file.length - body;
      if (size > present) return { ok: false, problem: `truncated: the data chunk declares ${size} bytes, ${present} are present` };
      const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
      return { ok: true, format: { ...fmt, dataBytes: size, seconds: bytesPerSecond > 0 ? size / bytesPerSecond : 0 } };
    }
    // Chunks are padded to an even length.
    at = body + size + (size % 2);
  }
  return { ok: false, problem: fmt ? 'no data chunk (truncated?)' : 'no fmt chunk' };
}

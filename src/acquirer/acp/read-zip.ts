import { inflateRawSync } from 'node:zlib';
import { AcpError } from './acp-error';

/**
 * The files of a zip archive (PKWARE APPNOTE: end of central directory, central directory, local headers), stored
 * (method 0) or deflated (8) — what UnionPay's settlement zip holds. Read with node:zlib alone: the format around
 * the deflate streams is a few fixed headers, not worth a dependency. No zip64, encryption or multi-disk archives.
 */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) throw new AcpError('acp_field_invalid', 'not a zip archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) throw new AcpError('acp_field_invalid', 'bad zip directory');
    const flags = zip.readUInt16LE(at + 8);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    // Names are GBK or UTF-8 (flag bit 11); UnionPay's are ASCII, which latin1 reads either way.
    const name = zip.toString(flags & 0x800 ? 'utf8' : 'latin1', at + 46, at + 46 + nameLength);
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50)
      throw new AcpError('acp_field_invalid', 'bad zip entry');
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    if (method === 0) files.set(name, Buffer.from(data));
    else if (method === 8) files.set(name, inflateRawSync(data));
    else throw new AcpError('acp_field_invalid', `zip method ${method} not supported`);
    at += 46 + skip;
  }
  return files;
}

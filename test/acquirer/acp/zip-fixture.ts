import { deflateRawSync } from 'node:zlib';

/** One entry of a hand-laid zip; every header field the reader looks at can be set, unlike in writeZip. */
export interface ZipEntry {
  name: string | Buffer;
  content: Buffer;
  /** 0 stored (default), 8 deflated, anything else written raw. */
  method?: number;
  flags?: number;
  /** Lengths of the central entry's extra field and comment, and of the local header's extra field. */
  extra?: number;
  comment?: number;
  localExtra?: number;
  /** Overrides the local header offset the central entry points at. */
  localOffset?: number;
}

export interface ZipLayout {
  /** The count the end record claims (default: the number of entries). */
  count?: number;
  /** The central directory offset the end record claims (default: where it is). */
  directoryOffset?: number;
  /** Bytes after the end record (its comment). */
  trailer?: Buffer;
}

/** A zip archive laid out by PKWARE APPNOTE: local headers and data, central directory, end record. */
export function zipOf(entries: ZipEntry[], layout: ZipLayout = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'latin1') : e.name;
    const data = e.method === 8 ? deflateRawSync(e.content) : e.content;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(e.flags ?? 0, 6);
    local.writeUInt16LE(e.method ?? 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(e.localExtra ?? 0, 28);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(e.flags ?? 0, 8);
    dir.writeUInt16LE(e.method ?? 0, 10);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(e.content.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt16LE(e.extra ?? 0, 30);
    dir.writeUInt16LE(e.comment ?? 0, 32);
    dir.writeUInt32LE(e.localOffset ?? offset, 42);
    const localBytes = Buffer.concat([local, name, Buffer.alloc(e.localExtra ?? 0, 0xaa), data]);
    central.push(Buffer.concat([dir, name, Buffer.alloc(e.extra ?? 0, 0xbb), Buffer.alloc(e.comment ?? 0, 0xcc)]));
    locals.push(localBytes);
    offset += localBytes.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(layout.count ?? entries.length, 8);
  end.writeUInt16LE(layout.count ?? entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(layout.directoryOffset ?? offset, 16);
  end.writeUInt16LE(layout.trailer?.length ?? 0, 20);
  return Buffer.concat([...locals, directory, end, layout.trailer ?? Buffer.alloc(0)]);
}

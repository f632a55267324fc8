import { expect } from 'chai';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import { readZip } from '../../../src/acquirer/acp/read-zip';
import { zipOf, type ZipEntry } from './zip-fixture';

const LOCAL_SIG = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const DIRECTORY_SIG = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
const END_SIG = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** The reader must refuse with its own error: a RangeError or zlib error from reading past a header is a bug. */
function expectRefused(zip: Buffer, message: string): void {
  let err: unknown;
  try {
    readZip(zip);
  } catch (e) {
    err = e;
  }
  expect(err).to.be.instanceOf(AcpError);
  expect(err).to.include({ code: 'acp_field_invalid', message });
}

const asText = (files: Map<string, Buffer>) => [...files].map(([n, b]) => [n, b.toString('latin1')]);

describe('acquirer/acp/read-zip', () => {
  it('when entries carry extra fields and comments, then each is skipped and every file is read whole', () => {
    const zip = zipOf([
      { name: 'first', content: Buffer.from('stored one'), extra: 4, comment: 3, localExtra: 5 },
      { name: 'second', content: Buffer.from('deflated '.repeat(20)), method: 8, extra: 9, localExtra: 2 },
      { name: 'third', content: Buffer.from('last'), comment: 7 },
    ]);
    expect(asText(readZip(zip))).to.deep.equal([
      ['first', 'stored one'],
      ['second', 'deflated '.repeat(20)],
      ['third', 'last'],
    ]);
  });

  it('when a name is flagged UTF-8 it is read as UTF-8, otherwise as latin1 (a GBK/ASCII byte each)', () => {
    const zip = zipOf([
      // The comment's bytes have bit 11 set where a misplaced read of the next entry's flags would land.
      { name: Buffer.from('ZM_é_utf8', 'utf8'), content: Buffer.from('a'), flags: 0x800, comment: 8 },
      { name: Buffer.from('ZM_é_latin1', 'latin1'), content: Buffer.from('b') },
    ]);
    expect(asText(readZip(zip))).to.deep.equal([
      ['ZM_é_utf8', 'a'],
      ['ZM_é_latin1', 'b'],
    ]);
  });

  it('when the archive is empty (its end record at offset 0), then it holds no files', () => {
    const empty = zipOf([]);
    expect(empty.indexOf(END_SIG)).to.equal(0);
    expect(readZip(empty).size).to.equal(0);
  });

  it('when there is no whole end record, then it is not a zip archive', () => {
    expectRefused(Buffer.alloc(64), 'not a zip archive');
    expectRefused(Buffer.from('not a zip'), 'not a zip archive');
    expectRefused(Buffer.concat([Buffer.alloc(30), END_SIG, Buffer.alloc(10)]), 'not a zip archive');
  });

  it('when the directory offset points at something else, or the directory is cut short, then the directory is bad', () => {
    expectRefused(zipOf([{ name: 'a', content: Buffer.from('a') }], { directoryOffset: 0 }), 'bad zip directory');
    const cut = Buffer.concat([DIRECTORY_SIG, Buffer.alloc(10)]);
    expectRefused(zipOf([], { count: 1, directoryOffset: 22, trailer: cut }), 'bad zip directory');
  });

  it('when an entry points at something other than a whole local header, then the entry is bad', () => {
    const entry: ZipEntry = { name: 'a', content: Buffer.from('abc') };
    expectRefused(zipOf([{ ...entry, localOffset: 1 }]), 'bad zip entry');
    const end = zipOf([entry]).length;
    const cut = Buffer.concat([LOCAL_SIG, Buffer.alloc(10)]);
    expectRefused(zipOf([{ ...entry, localOffset: end }], { trailer: cut }), 'bad zip entry');
  });

  it('when a local header ends exactly at the end of the archive, then its (empty) file is still read', () => {
    const entry: ZipEntry = { name: 'empty', content: Buffer.alloc(0) };
    const end = zipOf([entry]).length;
    const header = Buffer.alloc(30);
    LOCAL_SIG.copy(header);
    const files = readZip(zipOf([{ ...entry, localOffset: end }], { trailer: header }));
    expect(asText(files)).to.deep.equal([['empty', '']]);
  });

  it('when an entry is neither stored nor deflated, then the method is refused by number', () => {
    const zip = zipOf([{ name: 'bz', content: Buffer.from('BZh91AY&SY not really'), method: 12 }]);
    expectRefused(zip, 'zip method 12 not supported');
  });
});

import { deflateSync } from 'node:zlib';
import { expect } from 'chai';
import type { Logger } from 'pino';
import type { AcpExchange } from '../../../src/acquirer/acp/acp-client';
import { AcpError } from '../../../src/acquirer/acp/acp-error';
import type { AcpFields } from '../../../src/acquirer/acp/acp-fields';
import { buildFileTransfer, fetchZmFile, zmFileOf } from '../../../src/acquirer/acp/file-transfer';
import { zipOf } from './zip-fixture';

const MER_ID = '777290058110097';
const NOW = new Date('2026-03-03T01:00:00Z');
const URL = 'https://filedownload.test.95516.com/';
const ZM = `INN26030288ZM_${MER_ID}`;

/** fileContent as UnionPay sends it: base64 of a zlib stream of a zip. */
function fileContentOf(files: Record<string, string>): string {
  const zip = zipOf(Object.entries(files).map(([name, text]) => ({ name, content: Buffer.from(text), method: 8 })));
  return deflateSync(zip).toString('base64');
}

function expectInvalid(build: () => unknown, field: string): void {
  let err: unknown;
  try {
    build();
  } catch (e) {
    err = e;
  }
  expect(err).to.be.instanceOf(AcpError).and.include({ code: 'acp_field_invalid' });
  expect((err as Error).message).to.match(new RegExp(`^${field} `));
}

describe('acquirer/acp/file-transfer', () => {
  describe('buildFileTransfer', () => {
    it('when built, then it is a v5 RSA file transfer of the settlement day as MMDD, accessType 0 (merchant)', () => {
      expect(buildFileTransfer(MER_ID, '20260302', NOW)).to.deep.equal({
        version: '5.1.0',
        encoding: 'UTF-8',
        signMethod: '01',
        txnType: '76',
        txnSubType: '01',
        bizType: '000000',
        accessType: '0',
        merId: MER_ID,
        settleDate: '0302',
        txnTime: '20260303090000',
        fileType: '00',
      });
    });

    it('when merId is not exactly 15 digits, then the request is refused naming merId', () => {
      for (const merId of [`A${MER_ID}`, `${MER_ID}A`, MER_ID.slice(1), `${MER_ID}1`]) {
        expectInvalid(() => buildFileTransfer(merId, '20260302', NOW), 'merId');
      }
    });

    it('when settleDate is not exactly 8 digits, then the request is refused naming settleDate', () => {
      for (const settleDate of ['X20260302', '20260302X', '0302', '2026-03-02']) {
        expectInvalid(() => buildFileTransfer(MER_ID, settleDate, NOW), 'settleDate');
      }
    });
  });

  describe('zmFileOf', () => {
    it('when the ZM file sits in a folder of the zip, then it is taken under its bare name', () => {
      const content = fileContentOf({ [`settle/${ZM}`]: 'ours', [`RD26030288_${MER_ID}`]: 'summary' });
      expect(zmFileOf(content, MER_ID)).to.deep.equal({ name: ZM, content: Buffer.from('ours') });
    });

    it('when a name only starts like a ZM file, then it is not taken for one', () => {
      const content = fileContentOf({ [`${ZM}ZM_${MER_ID}`]: 'not a ZM file', [`x${ZM}`]: 'nor this' });
      expect(zmFileOf(content, MER_ID)).to.equal(undefined);
    });
  });

  describe('fetchZmFile', () => {
    /** A client answering `exchange` and a logger keeping its warnings. */
    function setup(exchange: AcpExchange) {
      const requests: [string, AcpFields][] = [];
      const warnings: unknown[] = [];
      const client = {
        exchange: (url: string, fields: AcpFields) => {
          requests.push([url, fields]);
          return Promise.resolve(exchange);
        },
      };
      const log = { warn: (obj: unknown) => warnings.push(obj) } as unknown as Logger;
      const fetch = () => fetchZmFile(client, URL, MER_ID, '20260302', NOW, log);
      return { requests, warnings, fetch };
    }

    it('when the answer is 00 with the zip, then the ZM file comes back, asked for at the file-transfer URL', async () => {
      const s = setup({ kind: 'answer', fields: { respCode: '00', fileContent: fileContentOf({ [ZM]: 'ours' }) } });
      expect(await s.fetch()).to.deep.equal({ name: ZM, content: Buffer.from('ours') });
      expect(s.requests).to.deep.equal([[URL, buildFileTransfer(MER_ID, '20260302', NOW)]]);
      expect(s.warnings).to.deep.equal([]);
    });

    it('when the zip holds no ZM file of this merchant, then there is none, with a warning', async () => {
      const s = setup({
        kind: 'answer',
        fields: { respCode: '00', fileContent: fileContentOf({ [`RD26030288_${MER_ID}`]: 'x' }) },
      });
      expect(await s.fetch()).to.equal(undefined);
      expect(s.warnings).to.have.length(1);
    });

    it('when no trusted answer comes, then there is no file, and the warning says why', async () => {
      const untrusted = setup({ kind: 'untrusted', why: 'bad_signature' });
      expect(await untrusted.fetch()).to.equal(undefined);
      expect(untrusted.warnings).to.deep.equal([{ settleDate: '20260302', outcome: 'untrusted', why: 'bad_signature' }]);
      const silent = setup({ kind: 'no_answer', error: 'timeout' });
      expect(await silent.fetch()).to.equal(undefined);
      expect(silent.warnings).to.deep.equal([{ settleDate: '20260302', outcome: 'no_answer', why: 'timeout' }]);
    });

    it('when the code is not 00, or 00 comes without fileContent, then there is no file, even if a zip came along', async () => {
      const refused = setup({ kind: 'answer', fields: { respCode: '34', fileContent: fileContentOf({ [ZM]: 'ours' }) } });
      expect(await refused.fetch()).to.equal(undefined);
      expect(refused.warnings).to.deep.equal([{ settleDate: '20260302', respCode: '34' }]);
      const bare = setup({ kind: 'answer', fields: { respCode: '34' } });
      expect(await bare.fetch()).to.equal(undefined);
      const empty = setup({ kind: 'answer', fields: { respCode: '00', fileContent: '' } });
      expect(await empty.fetch()).to.equal(undefined);
      expect(empty.warnings).to.deep.equal([{ settleDate: '20260302', respCode: '00' }]);
    });
  });
});

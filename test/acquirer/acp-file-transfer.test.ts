import { expect } from 'chai';
import { buildFileTransfer, zmFileOf } from '../../src/acquirer/acp/file-transfer';
import { acpOrderIdOf } from '../../src/acquirer/acp/attempt-order-id';
import { readZip } from '../../src/acquirer/acp/read-zip';
import { parseZmFile } from '../../src/reconciliation/parse-zm-file';
import { writeZip } from '../../sandbox-acquirer/sandbox-server/write-zip';
import { deflateSync } from 'node:zlib';
import { CREDIT, DEBIT } from '../helpers/test-cards';
import { MERCHANT_ID, startHarness, type Harness } from './acp-harness';

/** A zip made by Python's zipfile (one deflated, one stored entry): the reader is not only tested against our writer. */
const PYTHON_ZIP =
  'UEsDBBQAAAAIAAAAIQCL1/R1EQAAABIAAAAdAAAASU5OMTUwOTA1ODhaTV84MDIzMTAwNDg5OTM0MjTLycxLVcjPS+XKATFKyvO5AFBLAwQUAAAAAAAAACEAY2YozgcAAAAHAAAAGgAAAFJEMTUwOTA1ODhfODAyMzEwMDQ4OTkzNDI0c3VtbWFyeVBLAQIUAxQAAAAIAAAAIQCL1/R1EQAAABIAAAAdAAAAAAAAAAAAAACAAQAAAABJTk4xNTA5MDU4OFpNXzgwMjMxMDA0ODk5MzQyNFBLAQIUAxQAAAAAAAAAIQBjZijOBwAAAAcAAAAaAAAAAAAAAAAAAACAAUwAAABSRDE1MDkwNTg4XzgwMjMxMDA0ODk5MzQyNFBLBQYAAAAAAgACAJMAAACLAAAAAAA=';

describe('acquirer/acp file transfer (txnType 76): the daily reconciliation file', () => {
  it('when a zip is read, then its deflated and stored files come out, from another tool’s zip and from the sandbox’s', () => {
    const files = readZip(Buffer.from(PYTHON_ZIP, 'base64'));
    expect([...files].map(([n, b]) => [n, b.toString()])).to.deep.equal([
      ['INN15090588ZM_802310048993424', 'line one\nline two\n'],
      ['RD15090588_802310048993424', 'summary'],
    ]);
    const ours = readZip(writeZip({ a: Buffer.from('x'.repeat(1000)), b: Buffer.alloc(0) }));
    expect(ours.get('a')?.toString()).to.equal('x'.repeat(1000));
    expect(ours.get('b')?.length).to.equal(0);
    expect(() => readZip(Buffer.from('not a zip'))).to.throw('not a zip archive');
  });

  it('when the answer’s fileContent is base64 of a deflated zip, then the ZM file of our merchant is the one taken', () => {
    const zip = writeZip({
      [`INN26030288ZME_${MERCHANT_ID}`]: Buffer.from('errors'),
      [`INN26030288ZM_898000000000001`]: Buffer.from('another merchant'),
      [`INN26030288ZM_${MERCHANT_ID}`]: Buffer.from('ours'),
    });
    const content = deflateSync(zip).toString('base64');
    expect(zmFileOf(content, MERCHANT_ID)).to.deep.equal({ name: `INN26030288ZM_${MERCHANT_ID}`, content: Buffer.from('ours') });
    expect(zmFileOf(content, '700000000000001')).to.equal(undefined);
  });

  it('when the request is built, then it carries 76/01, bizType 000000, fileType 00 and settleDate as MMDD', () => {
    const fields = buildFileTransfer(MERCHANT_ID, '20260302', new Date('2026-03-03T01:00:00Z'));
    expect(fields).to.include({
      txnType: '76',
      txnSubType: '01',
      bizType: '000000',
      fileType: '00',
      settleDate: '0302',
      merId: MERCHANT_ID,
    });
    expect(fields.txnTime).to.equal('20260303090000');
  });

  describe('against the sandbox acquirer', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(() => h.stop());

    it('when a day had payments, then the adapter fetches its file over ACP and it parses in the published layout', async () => {
      const debit = h.request(DEBIT, { amount: 1234 });
      const credit = h.request(CREDIT, { amount: 5678 });
      await h.acquirer.pay(debit);
      await h.acquirer.pay(credit);
      const settleDate = debit.txnTime.slice(0, 8);

      const file = await h.acquirer.reconciliationFile(settleDate);

      expect(file?.name).to.equal(`INN${settleDate.slice(2)}88ZM_${MERCHANT_ID}`);
      const lines = parseZmFile(file!.content.toString('latin1'), { merId: MERCHANT_ID, settleDate, cutoff: '240000' });
      expect(lines.map((l) => [l.orderId, l.amount])).to.have.deep.members([
        [acpOrderIdOf(debit.attemptId), 1234],
        [acpOrderIdOf(credit.attemptId), 5678],
      ]);
      expect(file!.content.toString('latin1')).to.equal(h.server.reconciliation(settleDate, MERCHANT_ID));
    });
  });
});

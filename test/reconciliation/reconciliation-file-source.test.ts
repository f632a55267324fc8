import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { ReconciliationFileError } from '../../src/reconciliation/reconciliation-file-error';
import { fetchReconciliationFile } from '../../src/reconciliation/reconciliation-file-source';

const MER_ID = '777290058110097';

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return (err as Error).message;
  }
  return 'accepted';
}

describe('reconciliation/reconciliation-file-source', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-recon-src-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('when RECONCILIATION_DIR is set, then the date’s file is INN<yymmdd>88ZM_<merId> in it, read byte for byte', async () => {
    fs.writeFileSync(path.join(dir, `INN26030288ZM_${MER_ID}`), Buffer.from([0x41, 0xb0, 0x0a]));
    const file = await fetchReconciliationFile('20260302', { merId: MER_ID, dir });
    expect(file).to.deep.equal({ source: 'dir', name: `INN26030288ZM_${MER_ID}`, text: 'A\u00b0\n' });
    expect(await reason(fetchReconciliationFile('20260303', { merId: MER_ID, dir }))).to.equal(
      `no such file: ${path.join(dir, `INN26030388ZM_${MER_ID}`)}`,
    );
  });

  it('when --file is given, then it wins; a UnionPay name of another date or merchant is refused', async () => {
    const other = path.join(dir, 'INN26030288ZM_898000000000001');
    fs.writeFileSync(other, '');
    fs.writeFileSync(path.join(dir, 'day.txt'), '');
    expect(await reason(fetchReconciliationFile('20260302', { merId: MER_ID, file: other, dir }))).to.equal(
      `INN26030288ZM_898000000000001 is merchant 898000000000001's file, not ${MER_ID}'s`,
    );
    expect((await fetchReconciliationFile('20260302', { merId: MER_ID, file: path.join(dir, 'day.txt'), dir })).source).to.equal(
      'file',
    );
  });

  it('when neither is set, then the acquirer’s file transfer; none at all is a clear error', async () => {
    const download = () => Promise.resolve({ name: `INN26030288ZM_${MER_ID}`, content: Buffer.from('x') });
    expect(await fetchReconciliationFile('20260302', { merId: MER_ID, download })).to.deep.equal({
      source: 'acquirer',
      name: `INN26030288ZM_${MER_ID}`,
      text: 'x',
    });
    expect(
      await reason(fetchReconciliationFile('20260302', { merId: MER_ID, download: () => Promise.resolve(undefined) })),
    ).to.equal('the acquirer has no reconciliation file for 20260302');
    expect(await reason(fetchReconciliationFile('20260302', { merId: MER_ID }))).to.match(/^no reconciliation file: give --file/);
  });

  it('when the file cannot be read for another reason than its absence, then that error is passed on, not called missing', async () => {
    const err: unknown = await fetchReconciliationFile('20260302', { merId: MER_ID, file: dir }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Error);
    expect(err).not.to.be.instanceOf(ReconciliationFileError);
    expect((err as NodeJS.ErrnoException).code).to.equal('EISDIR');
  });
});

import { expect } from 'chai';
import { ReconciliationFileError } from '../../src/reconciliation/reconciliation-file-error';

describe('reconciliation/reconciliation-file-error', () => {
  it('when a file is refused, then the error names itself and its line, and a file-level refusal has none', () => {
    const err = new ReconciliationFileError('bad sign', 4);
    expect(err).to.include({ name: 'ReconciliationFileError', message: 'line 4: bad sign', lineNo: 4 });
    expect(String(new ReconciliationFileError('no file'))).to.equal('ReconciliationFileError: no file');
  });
});

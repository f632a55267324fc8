import { expect } from 'chai';
import { checkStoreOptions, parseCountList, parseRateLimits, parseStore } from '../../../scripts/bench/api/api-store-options';
import { usageErrorOf } from '../../helpers/usage-error-of';

describe('bench:api store options', () => {
  it('when --processes is 1,2 (spaces allowed), then the counts come back in the order given', () => {
    expect(parseCountList('--processes', '1,2')).to.deep.equal([1, 2]);
    expect(parseCountList('--processes', '2, 1, 4')).to.deep.equal([2, 1, 4]);
  });

  it('when a count is empty, zero, fractional or repeated, then the error names the option and the text', () => {
    for (const text of ['', '1,,2', '0,1', '1.5', 'two'])
      expect(usageErrorOf(() => parseCountList('--processes', text))).to.include(`--processes: whole numbers from 1`);
    expect(usageErrorOf(() => parseCountList('--processes', '1,1'))).to.equal('--processes: each number once, got 1,1');
  });

  it('when --store is sqlite or postgres, then it is taken; anything else is refused', () => {
    expect(parseStore('postgres')).to.equal('postgres');
    expect(parseStore('sqlite')).to.equal('sqlite');
    expect(usageErrorOf(() => parseStore('mysql'))).to.equal('--store: sqlite or postgres, got mysql');
  });

  it('when --rate-limits is store or memory, then it is taken; anything else is refused', () => {
    expect(parseRateLimits('memory')).to.equal('memory');
    expect(usageErrorOf(() => parseRateLimits('redis'))).to.equal('--rate-limits: store or memory, got redis');
  });

  it('when PostgreSQL-only options come without --store postgres, then they are refused', () => {
    expect(usageErrorOf(() => checkStoreOptions({ store: 'sqlite', rateLimits: 'memory' }))).to.include('--store postgres');
    expect(usageErrorOf(() => checkStoreOptions({ store: 'sqlite', processes: [1, 2] }))).to.include('--store postgres');
    expect(usageErrorOf(() => checkStoreOptions({ store: 'sqlite', databaseUrl: 'postgres://x' }))).to.include(
      '--store postgres',
    );
    expect(() => checkStoreOptions({ store: 'sqlite', against: 'HEAD~1', only: 'post', cpuProf: true })).not.to.throw();
  });

  it('when SQLite-only options come with --store postgres, then each is named', () => {
    expect(usageErrorOf(() => checkStoreOptions({ store: 'postgres', against: 'HEAD~1', cpuProf: true }))).to.equal(
      '--against, --cpu-prof: not with --store postgres',
    );
    expect(() => checkStoreOptions({ store: 'postgres', processes: [1, 2], databaseUrl: 'postgres://x' })).not.to.throw();
  });
});

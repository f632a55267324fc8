import { expect } from 'chai';
import { runAdmin, type AdminDeps } from '../../src/cli/run-admin';
import { createOperatorService } from '../../src/console/operator-service';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('cli/operator-commands: console logins', () => {
  let deps: TestDeps;
  let admin: AdminDeps;
  let stdin: string;
  const run = (...argv: string[]) => runAdmin(argv, admin);
  const operators = () => createOperatorService(deps);

  beforeEach(async () => {
    deps = await createTestDeps();
    stdin = '';
    admin = {
      merchants: createMerchantService(deps),
      orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(deps),
      operators: operators(),
      readPassword: () => Promise.resolve(stdin),
    };
  });
  afterEach(() => deps.db.destroy());

  it('when an operator is created, then a generated password is printed once and logs in; the row holds only its scrypt hash', async () => {
    const result = await run('operator', 'create', '--name', 'alice');
    expect(result.exitCode).to.equal(0);
    const password = /password: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(password).to.match(/^[\w-]{24}$/);
    expect((await operators().authenticate('alice', password))?.name).to.equal('alice');
    expect(await operators().authenticate('alice', `${password}x`)).to.equal(undefined);
    const row = await deps.db('operators').where({ name: 'alice' }).first();
    expect(row?.password_hash).to.match(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(JSON.stringify(row)).not.to.include(password);
  });

  it('when the password comes from stdin, then it is used and nothing secret is printed', async () => {
    stdin = 'a long enough password';
    const result = await run('operator', 'create', '--name', 'bob', '--password-stdin');
    expect(result).to.deep.include({ exitCode: 0, stdout: 'operator created: bob: password set from stdin\n' });
    expect(await operators().authenticate('bob', 'a long enough password')).not.to.equal(undefined);
  });

  it('when the password from stdin is short, or the name has spaces, then exit 2 and nothing is created', async () => {
    stdin = 'short';
    const short = await run('operator', 'create', '--name', 'bob', '--password-stdin');
    expect(short.exitCode).to.equal(2);
    expect(short.stderr).to.include('a password has 12 to 200 characters');
    const badName = await run('operator', 'create', '--name', 'bob smith');
    expect(badName.exitCode).to.equal(2);
    expect(await operators().list()).to.deep.equal([]);
  });

  it('when the name is taken, then exit 1 and the first keeps its password', async () => {
    stdin = 'first password here';
    await run('operator', 'create', '--name', 'alice', '--password-stdin');
    const again = await run('operator', 'create', '--name', 'alice');
    expect(again.exitCode).to.equal(1);
    expect(again.stderr).to.include('an operator named alice exists');
    expect(await operators().authenticate('alice', 'first password here')).not.to.equal(undefined);
  });

  it('when operators are listed, then names and dates, never a password or hash', async () => {
    await run('operator', 'create', '--name', 'carol');
    await run('operator', 'create', '--name', 'alice');
    const table = await run('operator', 'list');
    expect(table.stdout.split('\n')[0]).to.match(/^name\s+createdAt\s+passwordSetAt$/);
    expect(table.stdout).not.to.include('scrypt');
    const json = JSON.parse((await run('operator', 'list', '--json')).stdout) as { name: string }[];
    expect(json.map((o) => o.name)).to.deep.equal(['alice', 'carol']);
    expect(JSON.stringify(json)).not.to.include('hash');
  });

  it('when the password is set again, then only the new one logs in; an unknown name is exit 1', async () => {
    stdin = 'the first password';
    await run('operator', 'create', '--name', 'alice', '--password-stdin');
    const result = await run('operator', 'set-password', 'alice');
    const password = /password: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(await operators().authenticate('alice', password)).not.to.equal(undefined);
    expect(await operators().authenticate('alice', 'the first password')).to.equal(undefined);
    expect((await run('operator', 'set-password', 'nobody')).exitCode).to.equal(1);
  });

  it('when an operator is removed, then it no longer logs in; removing it again is exit 1', async () => {
    stdin = 'the first password';
    await run('operator', 'create', '--name', 'alice', '--password-stdin');
    expect((await run('operator', 'remove', 'alice')).stdout).to.equal('operator removed: alice\n');
    expect(await operators().authenticate('alice', 'the first password')).to.equal(undefined);
    expect((await run('operator', 'remove', 'alice')).exitCode).to.equal(1);
  });
});

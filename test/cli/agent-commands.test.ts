import { expect } from 'chai';
import { createAgentService } from '../../src/agent-assist/agent-service';
import { runAdmin, type AdminDeps } from '../../src/cli/run-admin';
import { createBankService } from '../../src/services/bank-service';
import { createMerchantService } from '../../src/services/merchant-service';
import { createOrderService } from '../../src/order/order-service';
import { createTestDeps, type TestDeps } from '../helpers/test-db';

describe('cli/agent-commands: agent page logins', () => {
  let deps: TestDeps;
  let admin: AdminDeps;
  let stdin: string;
  let acme: string;
  let globex: string;
  const run = (...argv: string[]) => runAdmin(argv, admin);
  const agents = () => createAgentService(deps);
  const create = (name: string, extension: string, merchant = acme, ...more: string[]) =>
    run('agent', 'create', '--merchant', merchant, '--name', name, '--extension', extension, ...more);

  beforeEach(async () => {
    deps = await createTestDeps();
    stdin = '';
    const merchants = createMerchantService(deps);
    acme = (await merchants.createMerchant('Acme')).id;
    globex = (await merchants.createMerchant('Globex')).id;
    admin = {
      merchants,
      orders: createOrderService({ ...deps, defaultExpiresSeconds: 1800 }),
      banks: createBankService(deps),
      agents: agents(),
      readPassword: () => Promise.resolve(stdin),
    };
  });
  afterEach(() => deps.db.destroy());

  it('when an agent is created, then a generated password is printed once and logs in as that merchant’s agent; the row holds only its hash', async () => {
    const result = await create('amy', '201');
    expect(result.exitCode).to.equal(0);
    expect(result.stdout).to.match(/^agent created: amy\npassword: [\w-]{24}\n\(shown once: store it now\)\n$/);
    const password = /password: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(await agents().authenticate('amy', password)).to.deep.include({ merchantId: acme, extension: '201', name: 'amy' });
    expect(await agents().authenticate('amy', `${password}x`)).to.equal(undefined);
    const row = await deps.db('agents').where({ name: 'amy' }).first();
    expect(row?.password_hash).to.match(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(JSON.stringify(row)).not.to.include(password);
  });

  it('when the password comes from stdin, then it is used and nothing secret is printed', async () => {
    stdin = 'a long enough password';
    const result = await create('amy', '201', acme, '--password-stdin');
    expect(result).to.deep.include({ exitCode: 0, stdout: 'agent created: amy: password set from stdin\n' });
    expect(await agents().authenticate('amy', 'a long enough password')).not.to.equal(undefined);
  });

  it('when the input is bad, then exit 2 with the reason; an unknown merchant is exit 1; nothing is created', async () => {
    const cases: [string[], number, string][] = [
      [['amy smith', '201'], 2, 'an agent name is 1 to 40 letters'],
      [['amy', '20*'], 2, 'an extension is 1 to 20 letters or digits'],
      [['amy', '_X.'], 2, 'an extension is 1 to 20 letters or digits'],
      [['amy', '201', 'mch_nope'], 1, 'no merchant mch_nope'],
    ];
    for (const [[name, ext, merchant], code, message] of cases) {
      const result = await create(name, ext, merchant);
      expect(result.exitCode, message).to.equal(code);
      expect(result.stderr).to.include(message);
    }
    expect((await run('agent', 'create', '--name', 'amy', '--extension', '201')).exitCode).to.equal(2);
    expect(await agents().list()).to.deep.equal([]);
  });

  it('when the name or the extension is taken (by any merchant’s agent), then exit 1 and the first keeps its password', async () => {
    stdin = 'first password here';
    await create('amy', '201', acme, '--password-stdin');
    const sameName = await create('amy', '202', globex);
    expect(sameName.exitCode).to.equal(1);
    expect(sameName.stderr).to.include('an agent named amy exists');
    const sameExtension = await create('bob', '201', globex);
    expect(sameExtension.exitCode).to.equal(1);
    expect(sameExtension.stderr).to.include("extension 201 is another agent's");
    expect(await agents().authenticate('amy', 'first password here')).not.to.equal(undefined);
    expect((await agents().list()).map((a) => a.name)).to.deep.equal(['amy']);
  });

  it('when agents are listed, then all or one merchant’s, never a password or hash', async () => {
    await create('zoe', '203');
    await create('amy', '201');
    await create('bob', '301', globex);
    const table = await run('agent', 'list');
    expect(table.stdout.split('\n')[0]).to.match(/^name\s+merchantId\s+extension\s+createdAt\s+passwordSetAt\s+disabledAt$/);
    expect(table.stdout).not.to.include('scrypt');
    const json = JSON.parse((await run('agent', 'list', '--merchant', acme, '--json')).stdout) as { name: string }[];
    expect(json.map((a) => a.name)).to.deep.equal(['amy', 'zoe']);
    expect(JSON.stringify(json)).not.to.include('hash');
  });

  it('when an agent is disabled, then it no longer logs in nor is found, and is listed as disabled; again is exit 1', async () => {
    stdin = 'the first password';
    await create('amy', '201', acme, '--password-stdin');
    const id = (await agents().list())[0].id;
    deps.advance(60_000);
    expect(await run('agent', 'disable', 'amy')).to.deep.include({ exitCode: 0, stdout: 'agent disabled: amy\n' });
    expect(await agents().authenticate('amy', 'the first password')).to.equal(undefined);
    expect(await agents().find(id)).to.equal(undefined);
    expect((await run('agent', 'list')).stdout).to.include('2026-03-01T08:01:00.000Z');
    const again = await run('agent', 'disable', 'amy');
    expect(again.exitCode).to.equal(1);
    expect(again.stderr).to.include('agent amy was disabled at 2026-03-01T08:01:00.000Z');
    expect((await run('agent', 'disable', 'nobody')).stderr).to.include('no agent nobody');
  });

  it('when the password is reset, then only the new one logs in and the date changes; an unknown name is exit 1', async () => {
    stdin = 'the first password';
    await create('amy', '201', acme, '--password-stdin');
    const before = (await agents().list())[0].passwordSetAt;
    deps.advance(1000);
    const result = await run('agent', 'reset-password', 'amy');
    expect(result.stdout).to.match(/^password reset: amy\npassword: /);
    const password = /password: (\S+)/.exec(result.stdout)?.[1] ?? '';
    expect(await agents().authenticate('amy', password)).not.to.equal(undefined);
    expect(await agents().authenticate('amy', 'the first password')).to.equal(undefined);
    expect((await agents().list())[0].passwordSetAt).not.to.equal(before);
    expect((await run('agent', 'reset-password', 'nobody')).exitCode).to.equal(1);
  });
});

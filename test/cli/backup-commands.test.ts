import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { addBackupCommands, type BackupActions } from '../../src/cli/backup-commands';
import { runCommands } from '../../src/cli/run-admin';
import { createBackup, restoreBackup, type DataLocation } from '../../src/store/data-backup';
import { openDb } from '../../src/store/db';
import { migrateLatest } from '../../src/store/migrate';
import { TEST_OUTPUT_DIR } from '../helpers/test-output';

let serial = 0;
function freshDir(name: string): string {
  const dir = path.join(TEST_OUTPUT_DIR, `backup-cli-${process.pid}-${Date.now()}-${serial++}-${name}`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  return dir;
}

function location(dataDir: string, key?: Buffer): DataLocation {
  return { dataDir, sqliteFile: path.join(dataDir, 'ivrpay.sqlite'), secrets: { key, previousKeys: [] } };
}

function actions(where: DataLocation): BackupActions {
  return {
    create: (dir) => createBackup(where, dir, () => new Date('2026-03-01T09:00:00.000Z')),
    restore: (dir) => restoreBackup(dir, where),
  };
}

const admin = (argv: string[], where: DataLocation) =>
  runCommands(argv, (program, io) => addBackupCommands(program, actions(where), io));

async function sourceData(key?: Buffer): Promise<DataLocation> {
  const where = location(freshDir('source'), key);
  const db = await openDb(where.sqliteFile);
  await migrateLatest(db);
  await db.destroy();
  if (!key)
    fs.writeFileSync(
      path.join(where.dataDir, 'secrets-key.json'),
      JSON.stringify({ secretsKey: Buffer.alloc(32, 1).toString('base64') }),
    );
  fs.mkdirSync(path.join(where.dataDir, 'greetings', 'mch_1'), { recursive: true });
  fs.writeFileSync(path.join(where.dataDir, 'greetings', 'mch_1', 'zh.wav'), 'RIFF....WAVE');
  return where;
}

describe('cli/backup-commands', () => {
  it('when a backup is created, then it lists each file with its checksum and warns that it holds key material', async () => {
    const where = await sourceData();
    const dir = freshDir('backup');
    const result = await admin(['backup', 'create', dir], where);
    expect(result.exitCode, result.stderr).to.equal(0);
    expect(result.stdout).to.include('WARNING: this backup holds key material');
    expect(result.stdout).to.match(/secrets-key\.json {2}\d+ bytes {2}sha256 [0-9a-f]{64}/);
    expect(result.stdout).to.include('greetings/mch_1/zh.wav');
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { secretsKeySource: string };
    expect(manifest.secretsKeySource).to.equal('data-dir');
    expect(fs.statSync(path.join(dir, 'secrets-key.json')).mode & 0o077).to.equal(0);
  });

  it('when restored into an empty folder, then every file is back; into a folder with anything in it, it refuses and writes nothing', async () => {
    const where = await sourceData();
    const dir = freshDir('backup');
    await admin(['backup', 'create', dir], where);

    const busy = location(freshDir('busy'));
    fs.mkdirSync(busy.dataDir);
    fs.writeFileSync(path.join(busy.dataDir, 'notes.txt'), 'keep me');
    const refused = await admin(['backup', 'restore', dir], busy);
    expect(refused.exitCode).to.equal(2);
    expect(refused.stderr).to.include('is not empty');
    expect(fs.readdirSync(busy.dataDir)).to.deep.equal(['notes.txt']);

    const empty = location(freshDir('empty'));
    const restored = await admin(['backup', 'restore', dir], empty);
    expect(restored.exitCode, restored.stderr).to.equal(0);
    expect(restored.stdout).to.include('checksums verified');
    expect(fs.readFileSync(path.join(empty.dataDir, 'greetings', 'mch_1', 'zh.wav'), 'utf8')).to.equal('RIFF....WAVE');
    expect(fs.existsSync(empty.sqliteFile)).to.equal(true);
  });

  it('when a file of the backup was changed, then restore refuses with the file named and writes nothing', async () => {
    const where = await sourceData();
    const dir = freshDir('backup');
    await admin(['backup', 'create', dir], where);
    fs.appendFileSync(path.join(dir, 'greetings', 'mch_1', 'zh.wav'), 'x');
    const target = location(freshDir('target'));
    const result = await admin(['backup', 'restore', dir], target);
    expect(result.exitCode).to.equal(1);
    expect(result.stderr).to.include('greetings/mch_1/zh.wav: checksum mismatch');
    expect(fs.existsSync(target.dataDir)).to.equal(false);
  });

  it('when the key comes from SECRETS_KEY, then the backup holds it, and a restore under another key warns', async () => {
    const key = Buffer.alloc(32, 9);
    const where = await sourceData(key);
    const dir = freshDir('backup');
    const created = await admin(['backup', 'create', dir], where);
    expect(created.stdout).to.include('came from SECRETS_KEY');
    const stored = JSON.parse(fs.readFileSync(path.join(dir, 'secrets-key.json'), 'utf8')) as { secretsKey: string };
    expect(Buffer.from(stored.secretsKey, 'base64')).to.deep.equal(key);

    const restored = await admin(['backup', 'restore', dir], location(freshDir('target'), Buffer.alloc(32, 3)));
    expect(restored.exitCode, restored.stderr).to.equal(0);
    expect(restored.stdout).to.include('WARNING: SECRETS_KEY differs');
  });
});

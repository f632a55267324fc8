import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/app-error';
import { describeFile, MANIFEST_FILE, readVerifiedManifest, type BackupManifest } from './backup-manifest';
import { isKnownMigration } from './migrate';
import { backupSqlite, inspectSqlite } from './sqlite-backup';

/** What a backup holds besides the database: the data folder's key files and the merchants' greetings. */
const DATABASE = 'ivrpay.sqlite';
const SECRETS_KEY_FILE = 'secrets-key.json';
const SANDBOX_SECRETS_FILE = 'sandbox-secrets.json';
const GREETINGS = 'greetings';
const PRIVATE = 0o600;

export interface DataLocation {
  dataDir: string;
  sqliteFile: string;
  /** SECRETS_KEY and SECRETS_PREVIOUS_KEYS, when set; otherwise the data folder's secrets-key.json is the key. */
  secrets: { key?: Buffer; previousKeys: Buffer[] };
}

/**
 * Backs up the store into `dir` (absent or empty): the database by SQLite's online backup (the service may keep
 * running), the secrets key (the data folder's file, or SECRETS_KEY written as such a file), the sandbox secrets
 * and the merchants' greetings, then a manifest with each file's sha256. The folder holds key material.
 */
export async function createBackup(from: DataLocation, dir: string, now: () => Date): Promise<BackupManifest> {
  requireEmpty(dir, 'backup folder');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const files: string[] = [DATABASE];
  const { schemaVersion } = await backupSqlite(from.sqliteFile, path.join(dir, DATABASE));
  fs.chmodSync(path.join(dir, DATABASE), PRIVATE);

  let secretsKeySource: BackupManifest['secretsKeySource'] = 'none';
  if (from.secrets.key) {
    const keyFile = {
      secretsKey: from.secrets.key.toString('base64'),
      ...(from.secrets.previousKeys.length > 0
        ? { previousKeys: from.secrets.previousKeys.map((k) => k.toString('base64')) }
        : {}),
    };
    fs.writeFileSync(path.join(dir, SECRETS_KEY_FILE), JSON.stringify(keyFile, null, 2), { mode: PRIVATE });
    files.push(SECRETS_KEY_FILE);
    secretsKeySource = 'SECRETS_KEY';
  } else if (copyIfPresent(from.dataDir, dir, SECRETS_KEY_FILE)) {
    files.push(SECRETS_KEY_FILE);
    secretsKeySource = 'data-dir';
  }
  if (copyIfPresent(from.dataDir, dir, SANDBOX_SECRETS_FILE)) files.push(SANDBOX_SECRETS_FILE);
  for (const greeting of filesUnder(from.dataDir, GREETINGS)) {
    copyIfPresent(from.dataDir, dir, greeting);
    files.push(greeting);
  }

  const manifest: BackupManifest = {
    format: 'ivrpay-backup/1',
    createdAt: now().toISOString(),
    schemaVersion: schemaVersion ?? null,
    secretsKeySource,
    files: files.map((f) => describeFile(dir, f)),
  };
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n', { mode: PRIVATE });
  return manifest;
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** The backup's key differs from SECRETS_KEY: webhook secrets stored under it cannot be read until it is set. */
  secretsKeyDiffers: boolean;
}

/**
 * Restores a backup into an empty (or absent) data folder, after checking every file against the manifest and
 * that this code knows the backup's schema. Refuses a folder that holds anything: a restore never merges.
 */
export function restoreBackup(dir: string, to: DataLocation): RestoreResult {
  const manifest = readVerifiedManifest(dir);
  if (manifest.schemaVersion && !isKnownMigration(manifest.schemaVersion)) {
    throw new Error(`the backup's schema (${manifest.schemaVersion}) is newer than this ivrpay: restore it with that release`);
  }
  requireEmpty(to.dataDir, 'data folder (DATA_DIR)');
  if (fs.existsSync(to.sqliteFile)) throw new Error(`${to.sqliteFile} exists: a restore never replaces a database`);

  fs.mkdirSync(to.dataDir, { recursive: true, mode: 0o700 });
  for (const entry of manifest.files) {
    const target = entry.path === DATABASE ? to.sqliteFile : path.join(to.dataDir, entry.path);
    fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    fs.copyFileSync(path.join(dir, entry.path), target, fs.constants.COPYFILE_EXCL);
    if (entry.path.endsWith('.json')) fs.chmodSync(target, PRIVATE);
  }
  inspectSqlite(to.sqliteFile);
  return { manifest, secretsKeyDiffers: keyDiffers(dir, manifest, to.secrets.key) };
}

function keyDiffers(dir: string, manifest: BackupManifest, configured: Buffer | undefined): boolean {
  if (!configured || !manifest.files.some((f) => f.path === SECRETS_KEY_FILE)) return false;
  const stored = JSON.parse(fs.readFileSync(path.join(dir, SECRETS_KEY_FILE), 'utf8')) as { secretsKey?: string };
  return Buffer.from(stored.secretsKey ?? '', 'base64').compare(configured) !== 0;
}

function requireEmpty(dir: string, what: string): void {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
    throw new AppError('validation_failed', `the ${what} ${dir} is not empty: give an empty or new folder`);
  }
}

function copyIfPresent(fromDir: string, toDir: string, relative: string): boolean {
  const source = path.join(fromDir, relative);
  if (!fs.existsSync(source)) return false;
  fs.mkdirSync(path.dirname(path.join(toDir, relative)), { recursive: true, mode: 0o700 });
  fs.copyFileSync(source, path.join(toDir, relative), fs.constants.COPYFILE_EXCL);
  // Readable by the owner only, whatever the source's mode: the folder holds key material.
  fs.chmodSync(path.join(toDir, relative), PRIVATE);
  return true;
}

/** Files under `sub` of `root`, relative to root with `/`. */
function filesUnder(root: string, sub: string): string[] {
  const dir = path.join(root, sub);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const MANIFEST_FILE = 'manifest.json';

export interface BackupFile {
  /** Relative to the backup folder, with `/`. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: 'ivrpay-backup/1';
  createdAt: string;
  /** The database's last migration when it was copied. */
  schemaVersion: string | null;
  /** Where the secrets key came from: the data folder's generated file, SECRETS_KEY, or none yet. */
  secretsKeySource: 'data-dir' | 'SECRETS_KEY' | 'none';
  files: BackupFile[];
}

export function describeFile(dir: string, relative: string): BackupFile {
  const content = fs.readFileSync(path.join(dir, relative));
  return { path: relative, bytes: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}

/** The manifest of a backup folder, with every file checked against it; throws, naming what is wrong. */
export function readVerifiedManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST_FILE);
  if (!fs.existsSync(file)) throw new Error(`${dir} is not an ivrpay backup: no ${MANIFEST_FILE}`);
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest;
  if (manifest.format !== 'ivrpay-backup/1' || !Array.isArray(manifest.files)) {
    throw new Error(`${file} is not an ivrpay backup manifest (format ivrpay-backup/1)`);
  }
  const problems: string[] = [];
  for (const entry of manifest.files) {
    if (!isInside(entry.path)) {
      problems.push(`${entry.path}: not a path inside the backup`);
      continue;
    }
    if (!fs.existsSync(path.join(dir, entry.path))) {
      problems.push(`${entry.path}: missing`);
      continue;
    }
    const actual = describeFile(dir, entry.path);
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) problems.push(`${entry.path}: checksum mismatch`);
  }
  if (problems.length > 0) throw new Error(`the backup in ${dir} does not match its manifest:\n  ${problems.join('\n  ')}`);
  return manifest;
}

/** A relative path that stays inside the folder: a manifest must not make a restore write elsewhere. */
function isInside(relative: string): boolean {
  if (typeof relative !== 'string' || relative === '' || path.isAbsolute(relative)) return false;
  return !relative.split(/[\\/]/).some((part) => part === '..' || part === '');
}

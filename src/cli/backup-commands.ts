import type { Command } from 'commander';
import type { BackupManifest } from '../store/backup-manifest';
import type { RestoreResult } from '../store/data-backup';
import type { AdminIo } from './admin-io';

/** The configured data folder's backup and restore (src/store/data-backup.ts), bound to the settings. */
export interface BackupActions {
  create(dir: string): Promise<BackupManifest>;
  restore(dir: string): RestoreResult;
}

const KEY_WARNING = [
  'WARNING: this backup holds key material: the secrets key that decrypts the stored webhook secrets',
  '(secrets-key.json) and, with the sandbox, its ARI and SIP passwords. Keep it as you keep the keys:',
  'encrypted, access-controlled, never next to the data it protects in one unencrypted place.',
];

export function addBackupCommands(program: Command, backups: BackupActions, io: AdminIo): void {
  const backup = program.command('backup').description('back up or restore the store and its secrets key');

  backup
    .command('create')
    .description('online backup of the database (the service may run) plus the key files, with a manifest')
    .argument('<dir>', 'an empty or new folder')
    .action(async (dir: string) => {
      const manifest = await backups.create(dir);
      io.out(`backup written to ${dir}: schema ${manifest.schemaVersion ?? '(empty)'}, ${manifest.createdAt}\n`);
      for (const file of manifest.files) io.out(`  ${file.path}  ${file.bytes} bytes  sha256 ${file.sha256}\n`);
      if (manifest.secretsKeySource === 'SECRETS_KEY')
        io.out('the secrets key came from SECRETS_KEY; it is in secrets-key.json\n');
      if (manifest.secretsKeySource === 'none') io.out('no secrets key yet (none was ever generated or set)\n');
      io.out(KEY_WARNING.join('\n') + '\n');
    });

  backup
    .command('restore')
    .description('restore a backup into an empty data folder (DATA_DIR), after checking its checksums')
    .argument('<dir>', 'a folder written by backup create')
    .action((dir: string) => {
      const { manifest, secretsKeyDiffers } = backups.restore(dir);
      io.out(`restored the backup of ${manifest.createdAt} (schema ${manifest.schemaVersion ?? '(empty)'}): `);
      io.out(`${manifest.files.length} files, checksums verified\n`);
      if (manifest.secretsKeySource === 'SECRETS_KEY') {
        io.out("the backup's key came from SECRETS_KEY: set SECRETS_KEY (and SECRETS_PREVIOUS_KEYS) from its secrets-key.json\n");
      }
      if (secretsKeyDiffers) {
        io.out(
          "WARNING: SECRETS_KEY differs from the backup's key: stored webhook secrets cannot be decrypted until it is set to that key\n",
        );
      }
    });
}

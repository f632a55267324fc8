import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './usage-error';

/**
 * Refuses to measure when the Asterisk process cannot read the prompts at soundsDir: the sandbox
 * Asterisk runs chrooted with one tree's sounds mounted (scripts/asterisk-sandbox), and a prompt it
 * cannot open fails at once, which would pass for a fast call. Seen through /proc/<pid>/root, its
 * own view of the file system; when that view is closed to us, nothing is checked.
 */
export function checkAsteriskSeesSounds(asteriskPid: number, soundsDir: string): void {
  const root = `/proc/${asteriskPid}/root`;
  try {
    fs.readdirSync(root);
  } catch {
    return;
  }
  const probe = path.join(root, soundsDir, 'zh', 'welcome.alaw');
  if (!fs.existsSync(probe))
    throw new UsageError(
      `Asterisk (pid ${asteriskPid}) cannot read the prompts in ${soundsDir} (the sandbox Asterisk runs in a chroot that mounts the sounds of the tree that started it): set SOUNDS_DIR to that tree's sounds folder, or restart the sandbox from this tree`,
    );
}

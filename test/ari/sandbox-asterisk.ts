import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config/config';
import { loadOrCreateSandboxSecrets } from '../../src/config/sandbox-secrets';
import { createSoundLibrary, type SoundLibrary } from '../../src/sounds/sound-library';

const run = promisify(execFile);
const script = path.resolve(__dirname, '..', '..', 'scripts', 'asterisk-sandbox');

/** `scripts/asterisk-sandbox start|stop`: start is a no-op when it already runs. */
export async function sandbox(command: 'start' | 'stop'): Promise<void> {
  await run('bash', [script, command], { timeout: 180_000 });
}

/**
 * Where the sandbox's ARI is and how to log in, as the app itself would find it. The prompts are SOUNDS_DIR's
 * alone: the folder the sandbox mounts for its Asterisk.
 */
export function sandboxAri(): { url: string; user: string; password: string; soundsDir: string; sounds: SoundLibrary } {
  const config = loadConfig();
  const password = config.ari.password ?? loadOrCreateSandboxSecrets(config.dataDir).ariPassword;
  const sounds = createSoundLibrary({ generatedDir: config.soundsDir, greetingsDir: config.greetingsDir });
  return { url: config.ari.url, user: config.ari.user, password, soundsDir: config.soundsDir, sounds };
}

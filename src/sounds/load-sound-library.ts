import path from 'node:path';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config/config';
import { checkSoundsDir } from './check-sounds-dir';
import { createSoundLibrary, type SoundLibrary } from './sound-library';

/**
 * At start: SOUNDS_DIR checked as `make-sounds --check` does. A file that cannot be played is refused with its
 * name (ConfigError: the service does not start); a prompt it lacks is only a warning, the generated one plays.
 */
export async function loadSoundLibrary(
  config: Pick<Config, 'soundsDir' | 'generatedSoundsDir' | 'greetingsDir'>,
  log: Logger,
): Promise<SoundLibrary> {
  const { soundsDir, generatedSoundsDir, greetingsDir } = config;
  if (path.resolve(soundsDir) === path.resolve(generatedSoundsDir)) {
    return createSoundLibrary({ generatedDir: generatedSoundsDir, greetingsDir });
  }
  const check = await checkSoundsDir(soundsDir);
  if (check.problems.length > 0) {
    throw new ConfigError(
      check.problems.map(({ file, problem }) => `SOUNDS_DIR: ${path.join(soundsDir, file)}: ${problem}`),
    );
  }
  if (check.missing.length > 0) {
    log.warn(
      { soundsDir, missing: check.missing.length, recorded: check.present.length, first: check.missing.slice(0, 5) },
      'SOUNDS_DIR lacks some prompts: the generated ones play instead',
    );
  }
  return createSoundLibrary({ generatedDir: generatedSoundsDir, recordedDir: soundsDir, recorded: check.present, greetingsDir });
}

import path from 'node:path';
import type { SoundsDirCheck } from '../../src/sounds/check-sounds-dir';
import { describeSpec } from '../../src/sounds/recording-spec';

/**
 * What `make-sounds --check DIR` prints: one line per problem, then per missing prompt, then a summary. Exit
 * code 1 when a file is refused (the service would refuse to start with it); a missing prompt only falls back to
 * the generated one, so alone it leaves the exit code 0.
 */
export function reportSoundsCheck(dir: string, check: SoundsDirCheck): { lines: string[]; exitCode: number } {
  const lines = [
    ...check.problems.map(({ file, problem }) => `bad      ${path.join(dir, file)}: ${problem}`),
    ...check.missing.map((key) => `missing  ${key} (the generated prompt plays)`),
    `${dir}: ${check.present.length} recorded, ${check.missing.length} missing, ${check.problems.length} refused` +
      (check.problems.length > 0 ? ` (every file must be ${describeSpec()}, named <lang>/<prompt id>.wav)` : ''),
  ];
  return { lines, exitCode: check.problems.length > 0 ? 1 : 0 };
}

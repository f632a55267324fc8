import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** The real admin command line, as `npm run admin -- …` runs it, with `env` over this process's. */
export async function adminProcess(env: NodeJS.ProcessEnv, ...args: string[]) {
  return run(tsx, [path.join(root, 'src', 'cli', 'admin.ts'), ...args], { env: { ...process.env, ...env } }).then(
    (r) => ({ code: 0, ...r }),
    (err: { code: number; stdout: string; stderr: string }) => err,
  );
}

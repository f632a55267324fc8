import { ConfigError, loadConfig, type Config } from './config';

/** For entry points: the config, or every problem on stderr and exit code 2 (bad input, not a crash). */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
    process.exit(2);
  }
}

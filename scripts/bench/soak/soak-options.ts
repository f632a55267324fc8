import { Command, CommanderError } from 'commander';
import { UsageError } from '../lib/usage-error';

export interface SoakOptions {
  minutes: number;
  calls: number;
  rampSeconds: number;
  callTimeoutSeconds: number;
  logLevel: string;
}

/**
 * The first minute is the warm-up, left out of the slopes, and a slope needs two minutes after it;
 * only from three after it does it have an error to be judged by (trend.ts), so shorter runs are trials.
 */
export const MIN_MINUTES = 3;
const MAX_CALLS = 1_000;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function program(): Command {
  return new Command()
    .name('soak')
    .usage('[--minutes 60] [--calls 100] [--ramp 60] [--call-timeout 240] [--log-level warn]')
    .description(
      'Keeps --calls complete payment calls in progress through the sandbox Asterisk for --minutes, samples the ' +
        "service's RSS, heap, open handles and event-loop lag and Asterisk's channels and RSS each minute, and " +
        'reports the slope per hour of each (flat is the target); writes bench/results/soak.json. A benchmark, not a test.',
    )
    .option('--minutes <n>', `how long to keep the calls going (at least ${MIN_MINUTES})`, '60')
    .option('--calls <n>', 'calls kept in progress at once', '100')
    .option('--ramp <seconds>', 'spread the first calls over this long (at most the first minute: the warm-up)', '60')
    .option('--call-timeout <seconds>', 'a call still going after this long fails', '240')
    .option('--log-level <level>', "the service's LOG_LEVEL", 'warn')
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
}

function wholeNumber(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max)
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return value;
}

/** The options of `npm run soak -- …`, checked; undefined when --help was asked for (commander has printed it). */
export function parseSoakOptions(argv: string[]): SoakOptions | undefined {
  const command = program();
  try {
    command.parse(argv, { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.exitCode === 0) return undefined;
    throw new UsageError(`${err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ')} (npm run soak -- --help)`);
  }
  const raw = command.opts<{ minutes: string; calls: string; ramp: string; callTimeout: string; logLevel: string }>();
  const minutes = wholeNumber('--minutes', raw.minutes, MIN_MINUTES);
  const calls = wholeNumber('--calls', raw.calls, 1, MAX_CALLS);
  // Calls still ramping up after the first minute would make the second look like growth.
  const rampSeconds = wholeNumber('--ramp', raw.ramp, 0, 60);
  const callTimeoutSeconds = wholeNumber('--call-timeout', raw.callTimeout, 30);
  if (!LOG_LEVELS.includes(raw.logLevel))
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(raw.logLevel)}`);
  return { minutes, calls, rampSeconds, callTimeoutSeconds, logLevel: raw.logLevel };
}

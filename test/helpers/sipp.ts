import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSocket } from 'node:dgram';
import { testOutputFile } from './test-output';

export interface SippRun {
  /** SIPp's exit code: 0 when every call of the scenario succeeded. */
  code: number | null;
  /** The SIP messages sent and received (-trace_msg), for assertions on headers and for failure reports. */
  messages: string;
  errors: string;
}

export interface SippOptions {
  /** A name for the trace files under data/test-output. */
  name: string;
  scenarioXml: string;
  /** The extension dialled (the INVITE's request URI user). */
  service: string;
  /** Asterisk's SIP port: the client's destination; omitted for a server scenario (-sn-like, waiting for calls). */
  remotePort?: number;
  /** Local SIP port; a free one when omitted. */
  localPort?: number;
  auth?: { user: string; password: string };
  timeoutMs: number;
}

/** A free UDP port on loopback for SIPp's signalling or media. */
export async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** Runs one SIPp call (-m 1) to the end; never rejects on a failed call, the caller asserts `code`. */
export async function runSipp(opts: SippOptions): Promise<SippRun> {
  // Outside data/: a scenario holds the keys a caller presses (test card numbers included), and data/ must hold
  // none (test/zz-card-data-scan.test.ts). SIPp's own traces of what went over the wire stay in data/test-output.
  const scenarioDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ivrpay-sipp-'));
  const scenarioFile = path.join(scenarioDir, `${opts.name}.xml`);
  const messageFile = testOutputFile(`${opts.name}-sip-messages.log`);
  const errorFile = testOutputFile(`${opts.name}-sip-errors.log`);
  fs.writeFileSync(scenarioFile, opts.scenarioXml);
  const localPort = opts.localPort ?? (await freeUdpPort());
  const args = [
    ...(opts.remotePort !== undefined ? [`127.0.0.1:${opts.remotePort}`] : []),
    '-sf',
    scenarioFile,
    '-s',
    opts.service,
    '-i',
    '127.0.0.1',
    '-p',
    String(localPort),
    '-mp',
    String(await freeUdpPort()),
    '-m',
    '1',
    '-timeout',
    `${Math.ceil(opts.timeoutMs / 1000)}s`,
    '-timeout_error',
    '-nostdin',
    '-trace_msg',
    '-message_file',
    messageFile,
    '-trace_err',
    '-error_file',
    errorFile,
    ...(opts.auth ? ['-au', opts.auth.user, '-ap', opts.auth.password] : []),
  ];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = execFile('sipp', args, { timeout: opts.timeoutMs + 10_000 }, () => undefined);
    child.on('exit', (exitCode) => resolve(exitCode));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'ENOENT' ? new Error('sipp is not installed: sudo apt-get install sip-tester (.ci/run does)') : err);
    });
  }).finally(() => fs.rmSync(scenarioDir, { recursive: true, force: true }));
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  return { code, messages: read(messageFile), errors: read(errorFile) };
}

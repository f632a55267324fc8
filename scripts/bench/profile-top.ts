/**
 * npx tsx scripts/bench/profile-top.ts <file.cpuprofile> [--top 30]
 * Where a V8 CPU profile (node --cpu-prof, e.g. bench:calls --cpu-prof) spends its time: self time by
 * package or source file, then by function.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fixed, markdownTable } from './lib/markdown-table';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
}

const root = path.resolve(__dirname, '..', '..');

/** node_modules/<package>, a project file, node's own code, or V8's pseudo-frames such as (garbage collector). */
function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const file = url.replace(/^file:\/\//, '');
  return file.startsWith(root) ? path.relative(root, file) : file;
}

function main(): void {
  const file = process.argv[2];
  const top = Number(process.argv[process.argv.indexOf('--top') + 1]) || 30;
  if (!file) throw new Error('usage: profile-top.ts <file.cpuprofile> [--top 30]');
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const hits = new Map<number, number>();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = totalMs / profile.samples.length;

  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  /** The nearest project function on the stack: whose work this is, whatever library does it. */
  const owner = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at) as ProfileNode;
      const place = placeOf(callFrame.url, callFrame.functionName);
      if (place.startsWith('src/')) return `${callFrame.functionName || '(anonymous)'} ${place}:${callFrame.lineNumber + 1}`;
    }
    // Called back from a library (an event, a socket, a query): name the outermost library on the stack.
    let outermost = '';
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { callFrame } = byId.get(at) as ProfileNode;
      const place = placeOf(callFrame.url, callFrame.functionName);
      if (/node_modules\//.test(callFrame.url)) outermost = place;
    }
    const leaf = (byId.get(id) as ProfileNode).callFrame;
    return `(no project code) ${outermost || placeOf(leaf.url, leaf.functionName)}`;
  };

  const byPlace = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, count] of hits) {
    const { callFrame } = byId.get(id) as ProfileNode;
    const ms = count * msPerSample;
    if (callFrame.functionName !== '(idle)') busy += ms;
    const place = placeOf(callFrame.url, callFrame.functionName);
    if (callFrame.functionName === '(idle)') continue;
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    const who = owner(id);
    byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
    const fn = `${callFrame.functionName || '(anonymous)'} ${place}:${callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => [name, fixed(ms, 0), fixed((ms / busy) * 100, 1)]);
  process.stdout.write(
    `Profile ${path.basename(file)}: ${fixed(totalMs / 1000, 1)} s, busy ${fixed(busy / 1000, 1)} s (${fixed((busy / totalMs) * 100, 1)} % of one core)\n\n`,
  );
  process.stdout.write(`${markdownTable(['self time by place', 'ms', '% of busy'], rows(byPlace))}\n\n`);
  process.stdout.write(`${markdownTable(['self time by function', 'ms', '% of busy'], rows(byFunction))}\n\n`);
  process.stdout.write(`${markdownTable(['time by nearest project function on the stack', 'ms', '% of busy'], rows(byOwner))}\n`);
}

main();

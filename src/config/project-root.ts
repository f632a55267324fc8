import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding ivrpay's package.json: sounds/, dialplan/ and scripts/ are found from it. Searched upwards
 * because the same module runs from src/config under tsx and from dist/src/config once built (`npm run build`).
 */
export function findProjectRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (isIvrpayPackage(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no ivrpay package.json above ${from}`);
  }
}

function isIvrpayPackage(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === 'ivrpay';
  } catch {
    return false;
  }
}

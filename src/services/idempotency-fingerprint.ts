import { createHash } from 'node:crypto';

/** A piece of output text, told apart from the JSON values still to be written on the work stack. */
class Text {
  constructor(readonly text: string) {}
}

/**
 * JSON with object keys sorted at every depth, so key order and whitespace do not make two requests differ.
 * Iterative, with its own stack: a body nested thousands deep (well within the size limit) must not overflow
 * the call stack (issue 17, defect 2).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  const work: unknown[] = [value];
  while (work.length > 0) {
    const item = work.pop();
    if (item instanceof Text) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      // Pushed in reverse, so that they come off the stack in order.
      work.push(new Text(']'));
      for (let i = item.length - 1; i >= 0; i--) work.push(item[i], new Text(i === 0 ? '' : ','));
      work.push(new Text('['));
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      work.push(new Text('}'));
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, v] = entries[i];
        work.push(v, new Text(`${i === 0 ? '' : ','}${JSON.stringify(k)}:`));
      }
      work.push(new Text('{'));
    } else {
      out.push(JSON.stringify(item) ?? '');
    }
  }
  return out.join('');
}

/**
 * What an Idempotency-Key is bound to: SHA-256 (hex) of method, path and canonical body.
 * A request without a body (`undefined`) hashes like one with `{}`.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  const canonical = canonicalJson(body ?? {});
  return createHash('sha256').update(`${method.toUpperCase()}\n${path}\n${canonical}`, 'utf8').digest('hex');
}

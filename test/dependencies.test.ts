import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';

/** The version of `name` as `from` (a package folder) resolves it, the way Node's require does. */
function resolvedVersion(name: string, from: string): string {
  const file = require.resolve(`${name}/package.json`, { paths: [from] });
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

const newer = (version: string, than: string) => version.localeCompare(than, 'en', { numeric: true }) >= 0;

/**
 * ari-client still pulls in the deprecated `request`, which pins form-data ~2.3 (CVE-2025-7783: fixed in 2.5.4)
 * and tough-cookie ~2.5 (CVE-2023-26136: fixed in 4.1.3); package.json's `overrides` lift both (README.md, Dependencies).
 */
describe('dependencies', () => {
  const request = path.dirname(require.resolve('request/package.json', { paths: [path.dirname(require.resolve('ari-client'))] }));

  it('when ari-client’s request loads form-data and tough-cookie, then it gets the fixed versions', () => {
    expect(newer(resolvedVersion('form-data', request), '2.5.4'), 'form-data').to.equal(true);
    expect(newer(resolvedVersion('tough-cookie', request), '4.1.3'), 'tough-cookie').to.equal(true);
  });

  it('when request builds a cookie jar and a multipart form with them, then they work as it expects', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- request is ari-client's, loaded from there on purpose
    const loaded = require(request) as {
      jar(): { setCookie(c: string, url: string): void; getCookieString(url: string): string };
    };
    const jar = loaded.jar();
    jar.setCookie('a=1', 'http://127.0.0.1/');
    expect(jar.getCookieString('http://127.0.0.1/')).to.equal('a=1');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the form-data request resolves, not ours
    const FormData = require(require.resolve('form-data', { paths: [request] })) as new () => {
      append(k: string, v: string): void;
      getBoundary(): string;
    };
    const form = new FormData();
    form.append('k', 'v');
    expect(form.getBoundary()).to.match(/^-+[0-9a-f]+$/);
  });
});

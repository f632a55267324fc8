import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_CARDS } from '../sandbox-acquirer/test-cards';

const root = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const settings = [...read('src/config/config.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]);
/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const sourceFiles = (dir: string): string[] =>
  fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|cjs|mjs)$/.test(entry.name) ? [file] : [];
  });
const codeDirs = ['src', 'test', 'scripts', 'sandbox-acquirer', 'simulator'].filter((dir) => fs.existsSync(path.join(root, dir)));

describe('documentation stays in step with the code', () => {
  it('when the sandbox has a test card, then the README lists it', () => {
    const readme = read('README.md');
    expect(TEST_CARDS.map((card) => card.pan).filter((pan) => !readme.includes(pan))).to.deep.equal([]);
  });

  it('when config.ts reads a variable, then .env.example and the README document it', () => {
    expect(settings.length).to.be.greaterThan(10);
    const example = read('.env.example');
    const readme = read('README.md');
    expect(settings.filter((name) => !example.includes(`${name}=`))).to.deep.equal([]);
    expect(settings.filter((name) => !readme.includes(`\`${name}\``))).to.deep.equal([]);
  });

  it('when the README has a section, then its table of contents links to it', () => {
    const readme = read('README.md');
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]).filter((heading) => heading !== 'Contents');
    expect(sections.length).to.be.greaterThan(5);
    const contents = readme.slice(readme.indexOf('## Contents'), readme.indexOf(`## ${sections[0]}`));
    expect(sections.filter((heading) => !contents.includes(`](#${anchor(heading)})`))).to.deep.equal([]);
  });

  it('when a comment cites a document, then it is in the repository and has the section cited', () => {
    const problems: string[] = [];
    for (const file of codeDirs.flatMap(sourceFiles)) {
      const text = read(file);
      if (/DESIGN\.md|\bnotes §|\bnotes\/[\w-]+\.md|\bnotes F\d/.test(text))
        problems.push(`${file}: cites a document outside the repository`);
      for (const [, doc, section] of text.matchAll(/\b(docs\/[\w/.-]+\.md)(?: §(\d+(?:\.\d+)*))?/g)) {
        if (!fs.existsSync(path.join(root, doc))) problems.push(`${file}: ${doc} does not exist`);
        else if (section && !new RegExp(`^#+ ${section.replace(/\./g, '\\.')}[. ]`, 'm').test(read(doc)))
          problems.push(`${file}: ${doc} has no §${section}`);
      }
    }
    expect(problems).to.deep.equal([]);
  });
});

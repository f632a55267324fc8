import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_CARDS } from '../src/acquirer/test-cards';

const root = path.resolve(__dirname, '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const settings = [...read('src/config/config.ts').matchAll(/^ {2}([A-Z][A-Z0-9_]+): /gm)].map((m) => m[1]);

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
});

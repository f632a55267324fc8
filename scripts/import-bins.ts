/**
 * npx tsx scripts/import-bins.ts
 * Regenerates src/domain/bin-data.json from the offline BIN table of the npm package `bankcardinfo`
 * (ISC licence). Only its pattern list is read, as text: its lookup function falls back to a
 * third-party web API with the card number, which must never be called.
 * Re-run after upgrading the package, then review the diff.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { BinEntry } from '../src/domain/bin-table';
import type { CardKind } from '../src/domain/card-kind';
import { isUnionPayRange } from '../src/domain/unionpay-range';

/** bankcardinfo's bank code → ours (the `bank-<code>` prompt and BANKS in src/domain/bin-table). */
export const SOURCE_BANKS: Readonly<Record<string, string>> = {
  BOC: 'boc',
  CMB: 'cmb',
  ICBC: 'icbc',
  CCB: 'ccb',
  CIB: 'cib',
  CEB: 'ceb',
  GDB: 'cgb',
  SPABANK: 'pab',
  ABC: 'abc',
  COMM: 'bocom',
  PSBC: 'psbc',
  CMBC: 'cmbc',
  CITIC: 'citic',
  SPDB: 'spdb',
  HXBANK: 'hxb',
};

/**
 * Quasi-credit (SCC) cards are credit cards for our purpose (expiry + CVN2, no PIN). Prepaid (PC)
 * cards are skipped: they are neither, so the table does not know them (the caller hears "not accepted").
 */
const KINDS: Readonly<Record<string, CardKind | undefined>> = { DC: 'debit', CC: 'credit', SCC: 'credit', PC: undefined };

export interface SourceRow {
  sourceBank: string;
  prefix: string;
  length: number;
  cardType: string;
}

export interface BinData {
  source: string;
  entries: BinEntry[];
  /** Non-62/81 prefixes (60…, 9…) of any bank in the source: the legacy domestic UnionPay ranges. */
  legacyPrefixes: string[];
}

/** Reads `bankCode: "X"`, then each `reg: /^(p1|p2)\d{n}$/g` with the `cardType` that follows it. */
export function parseSource(text: string): SourceRow[] {
  const rows: SourceRow[] = [];
  let bank: string | undefined;
  let pattern: { prefixes: string[]; rest: number } | undefined;
  for (const line of text.split('\n')) {
    const bankMatch = /bankCode: "(\w+)"/.exec(line);
    if (bankMatch) bank = bankMatch[1];
    if (/\breg:/.test(line)) {
      const reg = /reg: \/\^\(([\d|]+)\)\\d\{(\d+)\}\$\/g/.exec(line);
      if (!reg) throw new Error(`unexpected pattern shape: ${line.trim().slice(0, 60)}`);
      pattern = { prefixes: reg[1].split('|'), rest: Number(reg[2]) };
    }
    const typeMatch = /cardType: "(\w+)"/.exec(line);
    if (typeMatch) {
      if (!bank || !pattern) throw new Error('cardType before bankCode or reg');
      for (const prefix of pattern.prefixes) {
        rows.push({ sourceBank: bank, prefix, length: prefix.length + pattern.rest, cardType: typeMatch[1] });
      }
      pattern = undefined;
    }
  }
  return rows;
}

const isPanLength = (n: number) => n >= 16 && n <= 19;
const isLegacyPrefix = (p: string) => p.startsWith('60') || p.startsWith('9');

/** Our table: UnionPay-range, 16–19 digit entries of our banks; a prefix+length two banks claim is dropped. */
export function buildBinData(text: string, source: string): { data: BinData; dropped: string[] } {
  const rows = parseSource(text).filter((r) => isPanLength(r.length));
  const claims = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = `${r.prefix}/${r.length}`;
    claims.set(key, (claims.get(key) ?? new Set()).add(r.sourceBank));
  }
  const legacyPrefixes = [...new Set(rows.map((r) => r.prefix).filter(isLegacyPrefix))].sort();
  const dropped = [...claims].filter(([, banks]) => banks.size > 1).map(([key, banks]) => `${key} ${[...banks].join(',')}`);
  const seen = new Set<string>();
  const entries: BinEntry[] = [];
  for (const r of rows) {
    const bankCode = SOURCE_BANKS[r.sourceBank];
    const kind = KINDS[r.cardType];
    const key = `${r.prefix}/${r.length}`;
    if (!bankCode || !kind || !isUnionPayRange(r.prefix, legacyPrefixes) || claims.get(key)!.size > 1) continue;
    if (seen.has(`${key}/${kind}`)) continue;
    seen.add(`${key}/${kind}`);
    entries.push({ prefix: r.prefix, bankCode, kind, length: r.length });
  }
  entries.sort((a, b) => a.prefix.localeCompare(b.prefix) || a.length! - b.length! || a.kind.localeCompare(b.kind));
  return { data: { source, entries, legacyPrefixes }, dropped };
}

/** One entry per line, so an update shows as a readable diff. */
export function formatBinData(data: BinData): string {
  const entries = data.entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n');
  return (
    `{\n  "source": ${JSON.stringify(data.source)},\n  "entries": [\n${entries}\n  ],\n` +
    `  "legacyPrefixes": ${JSON.stringify(data.legacyPrefixes)}\n}\n`
  );
}

export function readSource(): { text: string; source: string } {
  const main = require.resolve('bankcardinfo');
  const pkgFile = path.join(path.dirname(main), 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as { version: string; license: string };
  const source = `bankcardinfo@${pkg.version} (${pkg.license}), generated by scripts/import-bins.ts`;
  return { text: readFileSync(main, 'utf8'), source };
}

export const BIN_DATA_FILE = path.resolve(__dirname, '..', 'src', 'domain', 'bin-data.json');

if (require.main === module) {
  const { text, source } = readSource();
  const { data, dropped } = buildBinData(text, source);
  writeFileSync(BIN_DATA_FILE, formatBinData(data));
  console.log(`${data.entries.length} entries, ${data.legacyPrefixes.length} legacy prefixes → ${BIN_DATA_FILE}`);
  if (dropped.length > 0) console.log(`dropped (claimed by two banks): ${dropped.join('; ')}`);
}

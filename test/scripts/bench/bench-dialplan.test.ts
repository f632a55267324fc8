import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runPaymentCall } from '../../../src/call/payment-call';
import {
  ANSWERS,
  APP_CONTEXT,
  BENCH_AMOUNT_FEN,
  CLUSTER_APPS,
  CLUSTER_CONTEXT,
  DIALPLAN_CONTEXT,
  EXPECTED_FIELDS,
  FIELD_PROMPT,
} from '../../../scripts/bench/calls/call-plan';
import { createFakeFlow } from '../../call/fake-flow-deps';
import { FakeCall } from '../../helpers/fake-call';

const dialplanDir = path.resolve(__dirname, '..', '..', '..', 'dialplan');

/** The lines of one context of a dialplan file, comments left out. */
function context(file: string, name: string): string[] {
  const text = fs.readFileSync(path.join(dialplanDir, file), 'utf8');
  const start = text.indexOf(`[${name}]`);
  expect(start, `context ${name}`).to.be.greaterThan(-1);
  const end = text.indexOf('\n[', start + 1);
  return text
    .slice(start, end < 0 ? undefined : end)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith(';'));
}

/** The baseline context of dialplan/sandbox/extensions-bench.conf, as what it plays and which fields it names, in order. */
function baseline(): { steps: { kind: 'play' | 'field'; value: string }[] } {
  const file = path.resolve(__dirname, '..', '..', '..', 'dialplan', 'sandbox', 'extensions-bench.conf');
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(`[${DIALPLAN_CONTEXT}]`);
  expect(start, `context ${DIALPLAN_CONTEXT}`).to.be.greaterThan(-1);
  const end = text.indexOf('\n[', start + 1);
  const steps: { kind: 'play' | 'field'; value: string }[] = [];
  for (const line of text.slice(start, end < 0 ? undefined : end).split('\n')) {
    if (line.trimStart().startsWith(';')) continue;
    const play = /Playback\(([^)]*)\)/.exec(line);
    const field = /Set\(IVRPAY_FIELD=([\w-]+)\)/.exec(line);
    if (play) for (const file of play[1].split('&')) steps.push({ kind: 'play', value: file.split('/').pop() as string });
    if (field) steps.push({ kind: 'field', value: field[1] });
  }
  return { steps };
}

describe('bench:calls dialplan baseline', () => {
  it('when the app runs the benchmark call, then the baseline plays the same prompts in the same order and asks the same fields', async () => {
    const flow = createFakeFlow({ amount: BENCH_AMOUNT_FEN, requires: { idNumber: true, mobile: true } });
    const call = new FakeCall({ answers: ANSWERS });
    const outcome = await runPaymentCall(call, flow.deps, { payCode: '583920' });
    expect(outcome).to.equal('paid');

    const { steps } = baseline();
    expect(steps.filter((s) => s.kind === 'play').map((s) => s.value)).to.deep.equal(call.heard());
    expect(steps.filter((s) => s.kind === 'field').map((s) => s.value)).to.deep.equal(call.asked);
    expect(call.asked).to.deep.equal(EXPECTED_FIELDS);
  });

  it('when the baseline names a field, then its own prompt has just been played (the caller keys after it, as in the app)', () => {
    const { steps } = baseline();
    const fields = steps.map((s, i) => ({ s, before: steps[i - 1] })).filter(({ s }) => s.kind === 'field');
    expect(fields).to.have.length(EXPECTED_FIELDS.length);
    for (const { s, before } of fields) expect(before?.value, s.value).to.equal(FIELD_PROMPT[s.value]);
  });
});

describe('bench:calls --cluster dialplan', () => {
  it("when a cluster call comes in, then it goes to the nodes' apps through ivrpay-stasis, as production's calls do", () => {
    const lines = context('sandbox/extensions-bench.conf', CLUSTER_CONTEXT);
    expect(lines[1]).to.equal(`exten => _X.,1,Gosub(ivrpay-stasis,s,1(${CLUSTER_APPS.join('&')},inbound,\${EXTEN}))`);
    expect(context('extensions.conf', 'ivrpay-stasis').join('\n')).to.include('Stasis(${app},${ARG2},${ARG3})');
  });

  it('when the single-node app context is read, then it still goes straight to the one benchmark app', () => {
    expect(context('sandbox/extensions-bench.conf', APP_CONTEXT)[1]).to.equal(
      'exten => _X.,1,Stasis(ivrpay-bench,inbound,${EXTEN})',
    );
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { runPaymentCall } from '../../../src/call/payment-call';
import {
  ANSWERS,
  BENCH_AMOUNT_FEN,
  DIALPLAN_CONTEXT,
  EXPECTED_FIELDS,
  FIELD_PROMPT,
} from '../../../scripts/bench/calls/call-plan';
import { createFakeFlow } from '../../call/fake-flow-deps';
import { FakeCall } from '../../helpers/fake-call';

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

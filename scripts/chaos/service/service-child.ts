/**
 * The service process of the chaos runs: forked by the runner (scripts/chaos/service-process.ts), it loads the
 * product's modules once and says ready, then runs one service at a time on the runner's commands, so the runner
 * can SIGKILL it for real and start the next one on the same store. A run that ends without a kill stops its
 * service and the process takes the next run's: only the loaded modules outlive a run, every object is new.
 */
import type { PaymentsForCall } from '../../../src/call/call-ports';
import { runPaymentCall } from '../../../src/call/payment-call';
import { runRecordedCall } from '../../../src/cdr/recorded-call';
import { errorSummary } from '../../../src/log/error-summary';
import { FakeCall } from '../../../test/helpers/fake-call';
import { announceFailure, announceReady, serveRequests } from '../../bench/lib/worker-rpc';
import type { CallFault, CardScenario } from '../fault-plan';
import { callerKeys } from './caller-keys';
import { ChaosCall } from './chaos-call';
import { startChaosService, type ChaosService, type ServiceStart } from './chaos-service';

export interface CallRequest {
  callId: string;
  payCode: string;
  card: CardScenario;
  keysPayCode: boolean;
  callFault?: { kind: CallFault; atOp: number | 'payment' };
}

export interface CallAnswer {
  /** The call script's outcome, or `failed` when it ended on a fault of ours (the Stasis app logs it). */
  outcome: string;
  faultFired: boolean;
}

let service: ChaosService | undefined;

function running(): ChaosService {
  if (!service) throw new Error('no service is running in this process');
  return service;
}

/** The payment service with the call's fault fired as soon as a payment goes to the acquirer. */
function faultDuringPayment(payments: PaymentsForCall, fire: () => void): PaymentsForCall {
  return {
    ...payments,
    pay(input) {
      const paying = payments.pay(input);
      setImmediate(fire);
      return paying;
    },
  };
}

async function placeCall(req: CallRequest): Promise<CallAnswer> {
  const s = running();
  const call = new ChaosCall(new FakeCall({ id: req.callId, answers: callerKeys(req.card, req.payCode) }), req.callFault);
  const flow =
    req.callFault?.atOp === 'payment' ? { ...s.flow, payments: faultDuringPayment(s.flow.payments, () => call.now()) } : s.flow;
  s.liveCalls.add(req.callId);
  const outcome = await runRecordedCall(s.core.callLegs, call, { direction: 'inbound' }, s.deps.now, (recorded) =>
    runPaymentCall(recorded, flow, req.keysPayCode ? {} : { payCode: req.payCode }),
  ).catch((err: unknown) => {
    // As the Stasis app does with a script that throws (src/ari/stasis-app.ts): logged, the call is over.
    s.deps.log.error({ callId: req.callId, err: errorSummary(err) }, 'call script failed');
    return 'failed';
  });
  s.liveCalls.delete(req.callId);
  return { outcome, faultFired: call.fired };
}

serveRequests({
  start: async (start: ServiceStart) => {
    if (service) throw new Error('a service is already running in this process');
    service = await startChaosService(start);
    return { port: service.port };
  },
  merchant: async () => {
    const m = await running().core.merchants.createMerchant('Chaos merchant');
    return { id: m.id, apiKey: m.apiKey, webhookSecret: m.webhookSecret };
  },
  call: (req: CallRequest) => placeCall(req),
  clock: ({ offsetMs }: { offsetMs: number }) => running().setClockOffset(offsetMs),
  // The runner counts the fault when it happens: this process may be killed before it could say so otherwise.
  diskFull: ({ afterWrites, writes }: { afterWrites: number; writes: number }) =>
    running().diskFull.fill(afterWrites, writes, () => process.send?.({ type: 'fault', kind: 'disk full' })),
  stop: async () => {
    const s = running();
    service = undefined;
    await s.stop();
    return { diskFullRefused: s.diskFull.refused() };
  },
  exit: () => {
    setImmediate(() => process.exit(0));
  },
});
// The runner gone (it crashed, or was stopped with ^C): nobody will stop this service, so it ends with it.
process.on('disconnect', () => process.exit(0));
try {
  announceReady({ pid: process.pid });
} catch (err) {
  announceFailure(err);
}

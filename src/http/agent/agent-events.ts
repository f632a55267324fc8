import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AgentDesk, AssistedCall } from '../../agent-assist/agent-desk';
import { callDisplay } from '../../agent-assist/call-display';
import { beijingTime } from '../../console/views/html';
import { liveSession, type LoggedIn, type LoginCheck } from '../login/session-auth';
import type { AgentLogin } from './agent-login';

export interface AgentEventsDeps {
  desk: AgentDesk;
  check: LoginCheck<AgentLogin>;
  heartbeatMs: number;
  log: Logger;
}

/**
 * GET /agent/events: the agent's merchant's calls as server-sent events, one `call` event per change with the
 * call's whole display (src/agent-assist/call-display.ts), starting with every current call, so a page that
 * reconnects is current again. A comment every `heartbeatMs` keeps proxies from closing a quiet stream; at each,
 * the session is checked again, so an expired session (or a disabled agent) ends its stream, and a logout ends it
 * at once (`end`).
 */
export function agentEvents(deps: AgentEventsDeps) {
  const open = new Map<string, Set<() => void>>();

  function stream(req: Request, res: Response, session: LoggedIn<AgentLogin>): void {
    const { merchantId, extension } = session.user;
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    let closed = false;
    const send = (call: AssistedCall) => {
      if (closed) return;
      // The desk scopes its events to the merchant; this page checks again, as a call of another merchant must never show.
      if (call.merchantId !== merchantId) return;
      res.write(`event: call\ndata: ${JSON.stringify(callDisplay(call, extension, beijingTime))}\n\n`);
    };

    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(beat);
      unsubscribe();
      open.get(session.id)?.delete(close);
      res.end();
    };
    const unsubscribe = deps.desk.subscribe(merchantId, (event) => send(event.call));
    const beat = setInterval(() => {
      liveSession(deps.check, session.id).then(
        (live) => (live ? res.write(': heartbeat\n\n') : close()),
        (err: unknown) => {
          deps.log.warn({ err }, 'agent event stream: session check failed');
          close();
        },
      );
    }, deps.heartbeatMs);
    open.set(session.id, (open.get(session.id) ?? new Set()).add(close));
    req.on('close', close);
    for (const call of deps.desk.callsOf(merchantId)) send(call);
  }

  return {
    stream,
    /** Ends the session's streams (its logout). */
    end(sessionId: string): void {
      for (const close of [...(open.get(sessionId) ?? [])]) close();
      open.delete(sessionId);
    },
  };
}

import { Router } from 'express';
import type { AgentDesk } from '../../agent-assist/agent-desk';
import { parseInput } from '../../domain/parse-input';
import { agentCaptureRequestSchema } from '../api-schemas';
import { currentMerchant } from '../merchant-auth';

/**
 * `POST /v1/orders/:id/agent-capture {callId}`: starts an agent-assisted capture of the order on the merchant's
 * assisted call (README, "Agent-assisted payments"); the answer is the capture as it starts. Another merchant's call
 * or order is 404, a capture already running on the call 409, an order that cannot be paid now 409.
 */
export function agentCaptureRouter(desk: Pick<AgentDesk, 'startCapture'>): Router {
  const router = Router();
  router.post('/:id/agent-capture', async (req, res) => {
    const { callId } = parseInput(agentCaptureRequestSchema, req.body);
    const capture = await desk.startCapture(currentMerchant(res).id, callId, req.params.id);
    res.status(201).json(capture);
  });
  return router;
}

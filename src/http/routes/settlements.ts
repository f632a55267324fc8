import { Router, type Request } from 'express';
import { parseInput } from '../../domain/parse-input';
import type { SettlementService } from '../../settlement/settlement-service';
import { settlementsCsv, statementLinesCsv } from '../../settlement/statement-csv';
import { settlementLinesQuerySchema, settlementsQuerySchema } from '../api-schemas';
import { currentMerchant } from '../merchant-auth';

/** CSV when asked for by `?format=csv` or `Accept: text/csv`; JSON otherwise. */
function wantsCsv(req: Request, format: string | undefined): boolean {
  return format === 'csv' || (format === undefined && /\btext\/csv\b/i.test(req.get('accept') ?? ''));
}

/**
 * `GET /v1/settlements?date=` and `GET /v1/settlements/:id/lines`: the authenticated merchant's statements only
 * (another merchant's id is 404, as for orders), as JSON or as CSV for a spreadsheet.
 */
export function settlementsRouter(settlements: Pick<SettlementService, 'list' | 'statement'>): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const query = parseInput(settlementsQuerySchema, req.query);
    const list = await settlements.list({ date: query.date, merchantId: currentMerchant(res).id });
    if (!wantsCsv(req, query.format)) return void res.json({ settlements: list });
    res.type('text/csv; charset=utf-8').attachment(`settlements-${query.date}.csv`).send(settlementsCsv(list));
  });

  router.get('/:id/lines', async (req, res) => {
    const query = parseInput(settlementLinesQuerySchema, req.query);
    const statement = await settlements.statement(req.params.id, currentMerchant(res).id);
    if (!wantsCsv(req, query.format)) return void res.json(statement);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`settlement-${statement.settlement.settlementDate}-${statement.settlement.id}.csv`)
      .send(statementLinesCsv(statement.settlement, statement.lines));
  });

  return router;
}

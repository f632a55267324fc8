import type { CardLookup } from '../call/call-ports';
import { AppError } from '../domain/app-error';
import type { Bank, BankStatus } from '../domain/bank';
import { BANKS, lookupBin } from '../domain/bin-table';
import type { ServiceDeps } from './service-deps';

export interface BankService extends CardLookup {
  listBanks(): Promise<Bank[]>;
  /** `not_found` for a code the BIN table does not know. */
  setStatus(code: string, status: BankStatus): Promise<Bank>;
}

export const BANK_STATUSES: readonly BankStatus[] = ['supported', 'coming_soon', 'disabled'];

/** Bank statuses: the BIN table's default unless an admin changed it (a row in `banks`). */
export function createBankService(deps: ServiceDeps): BankService {
  const { banks } = deps.store;

  async function overrides(): Promise<Map<string, BankStatus>> {
    const rows = await banks.list();
    return new Map(rows.map((r) => [r.code, r.status as BankStatus]));
  }

  async function listBanks(): Promise<Bank[]> {
    const changed = await overrides();
    return BANKS.map((b) => ({
      code: b.code,
      nameZh: b.nameZh,
      nameEn: b.nameEn,
      status: changed.get(b.code) ?? b.defaultStatus,
    }));
  }

  return {
    listBanks,

    async lookup(pan) {
      const hit = lookupBin(pan);
      if (!hit) return undefined;
      const bank = (await listBanks()).find((b) => b.code === hit.bankCode);
      // A code missing from BANKS is a data error: refuse its cards rather than guess.
      return { bankCode: hit.bankCode, bankStatus: bank?.status ?? 'disabled', kind: hit.kind };
    },

    async setStatus(code, status) {
      if (!BANKS.some((b) => b.code === code)) throw new AppError('not_found', `unknown bank code '${code}'`);
      if (!BANK_STATUSES.includes(status)) {
        throw new AppError('validation_failed', `status must be one of ${BANK_STATUSES.join(', ')}`);
      }
      await banks.setStatus(code, status, deps.now().toISOString());
      deps.log.info({ bankCode: code, status }, 'bank status changed');
      const bank = (await listBanks()).find((b) => b.code === code);
      if (!bank) throw new AppError('not_found', `unknown bank code '${code}'`);
      return bank;
    },
  };
}

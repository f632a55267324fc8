import type { HolderData } from './holder-data';
import { checkIdNumber } from '../domain/id-number';
import { validMobile } from '../domain/mobile';
import type { CallOrder } from './call-ports';
import { collectField } from './collect-field';
import type { StepContext } from './step-context';

/** The holder fields the order's acquirer field set requires: ID number (`*` keys X), then mobile. */
export async function collectHolder(ctx: StepContext, requires: CallOrder['requires']): Promise<HolderData> {
  const holder: HolderData = {};
  if (requires.idNumber) {
    holder.idNumber = await collectField(ctx, {
      field: 'id',
      prompts: ['enter-id'],
      maxDigits: 18,
      errorPrompt: 'id-invalid',
      check: (keys) => {
        const checked = checkIdNumber(keys, ctx.deps.now());
        return checked.ok ? checked.value : undefined;
      },
    });
  }
  if (requires.mobile) {
    holder.mobile = await collectField(ctx, {
      field: 'mobile',
      prompts: ['enter-mobile'],
      maxDigits: 11,
      errorPrompt: 'mobile-invalid',
      check: (keys) => (validMobile(keys) ? keys : undefined),
    });
  }
  return holder;
}

import type { FieldName } from '../call/field-name';
import type { CaptureField, CaptureState, CaptureView, FieldProgress } from './agent-desk';

/** The IVR's field names the agent sees, as capture fields; the others (card kind, confirm…) are not shown. */
const SHOWN: Partial<Record<FieldName, CaptureField>> = {
  card: 'card',
  'card-again': 'card',
  pin: 'pin',
  expiry: 'expiry',
  cvn2: 'cvn2',
  id: 'id',
  mobile: 'mobile',
  'sms-code': 'sms-code',
};

export function captureFieldOf(field: string): CaptureField | undefined {
  return SHOWN[field as FieldName];
}

/**
 * The state of one capture as its readers see it. Holds no card data by construction: a card number enters
 * only as a count of digits and as its masked form (src/domain/mask.ts), other fields only as states.
 */
export class CaptureProgress {
  state: CaptureState = 'collecting';
  reason: string | undefined;
  private readonly fields: FieldProgress[] = [];

  constructor(
    readonly captureId: string,
    readonly orderId: string,
    private readonly onChange: (changed?: FieldProgress) => void,
  ) {}

  /** A field's new state; a field asked again keeps its place. `digitCount` only for the card number, never the PIN. */
  field(
    field: CaptureField,
    state: FieldProgress['state'],
    card: Pick<FieldProgress, 'digitCount' | 'masked' | 'bank'> = {},
  ): void {
    const next: FieldProgress = { field, state, ...(field === 'card' ? card : {}) };
    const at = this.fields.findIndex((f) => f.field === field);
    if (at >= 0) this.fields[at] = next;
    else this.fields.push(next);
    this.onChange(next);
  }

  asked(field: CaptureField): boolean {
    return this.fields.some((f) => f.field === field);
  }

  stateOf(field: CaptureField): FieldProgress['state'] | undefined {
    return this.fields.find((f) => f.field === field)?.state;
  }

  to(state: CaptureState, reason?: string): void {
    this.state = state;
    this.reason = reason;
    this.onChange();
  }

  view(): CaptureView {
    return {
      captureId: this.captureId,
      orderId: this.orderId,
      state: this.state,
      fields: this.fields.map((f) => ({ ...f })),
      ...(this.reason !== undefined ? { reason: this.reason } : {}),
    };
  }
}

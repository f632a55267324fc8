/** Whether callers may pay with a bank's cards; admins change it, callers hear it. */
export type BankStatus = 'supported' | 'coming_soon' | 'disabled';

export interface Bank {
  code: string;
  nameZh: string;
  nameEn: string;
  status: BankStatus;
}

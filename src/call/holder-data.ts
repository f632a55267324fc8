/** The holder fields the merchant's acquirer field set asks for, and the SMS code keyed for the payment. */
export interface HolderData {
  idNumber?: string;
  mobile?: string;
  smsCode?: string;
}

/**
 * Every recorded prompt: id → Mandarin and English text. scripts/make-sounds turns each into
 * sounds/<lang>/<id>.{wav,ulaw,alaw}; test/call/prompt-manifest.test.ts fails when one is missing.
 * Ids are the file names, so keep them to [a-z0-9_-].
 */
const flow = {
  welcome: ['欢迎使用银联语音支付。', 'Welcome to UnionPay voice payment.'],
  // The language offer after the greeting is spoken in the language it offers: the English file of the first in a
  // Mandarin call, the Mandarin file of the second in an English one (src/call/offer-language.ts).
  'press-9-english': ['英语服务请按9。', 'For English, press 9.'],
  'press-9-mandarin': ['普通话服务请按9。', 'For Mandarin, press 9.'],
  'enter-pay-code': ['请输入六位支付码，以井号键结束。', 'Please enter your six digit payment code, followed by the hash key.'],
  'pay-code-invalid': ['支付码无效。', 'That payment code is not valid.'],
  'order-expired': ['该订单已过期。', 'This order has expired.'],
  'order-already-paid': ['该订单已支付，无需重复支付。', 'This order has already been paid.'],
  'order-in-call': ['该订单正在另一通电话中支付。', 'This order is being paid in another call.'],
  'order-not-payable': ['该订单当前无法支付。', 'This order cannot be paid now.'],
  'callback-intro': ['您有一笔商户订单等待支付。', 'A merchant has an order waiting for your payment.'],
  'amount-is': ['本次支付金额为', 'The amount to pay is'],
  'enter-card': ['请输入您的银联卡号，以井号键结束。', 'Please enter your UnionPay card number, followed by the hash key.'],
  'card-invalid': ['卡号有误。', 'That card number is not valid.'],
  'enter-card-again': ['请再次输入卡号，以井号键结束。', 'Please enter the card number again, followed by the hash key.'],
  'card-mismatch': ['两次输入的卡号不一致。', 'The two card numbers do not match.'],
  'card-check-warning': [
    '卡号校验位未通过，将按您输入的卡号继续。',
    'That card number failed the check digit test. We will continue with it as entered.',
  ],
  'bank-not-supported': ['暂不支持该银行的卡。', 'Cards from this bank are not accepted.'],
  'bank-coming-soon': ['该银行的卡即将开通。', 'Cards from this bank will be accepted soon.'],
  'use-another-card': ['请换一张卡。', 'Please use another card.'],
  'card-kind-choice': ['信用卡请按1，借记卡请按2。', 'For a credit card press 1. For a debit card press 2.'],
  'enter-expiry': [
    '请输入卡片有效期，月份在前，年份在后，共四位。',
    'Please enter the expiry date, two digits for the month, then two for the year.',
  ],
  'expiry-invalid': ['有效期有误。', 'That expiry date is not valid.'],
  'enter-cvn2': ['请输入卡片背面签名栏末三位数字。', 'Please enter the three digit security code on the back of the card.'],
  'cvn2-invalid': ['安全码有误。', 'That security code is not valid.'],
  'enter-pin': ['请输入六位银行卡密码。', 'Please enter your six digit card PIN.'],
  'pin-invalid': ['密码格式有误。', 'That PIN is not valid.'],
  'enter-id': [
    '请输入十八位身份证号码，末位是X请按星号键。',
    'Please enter your eighteen character ID number. For a final X, press star.',
  ],
  'id-invalid': ['身份证号码有误。', 'That ID number is not valid.'],
  'enter-mobile': ['请输入银行预留手机号码。', 'Please enter the mobile number registered with your bank.'],
  'mobile-invalid': ['手机号码有误。', 'That mobile number is not valid.'],
  'enter-sms-code': [
    '短信验证码已发送至银行预留手机，请输入六位验证码，以井号键结束。',
    'Please enter the six digit code sent to your mobile, followed by the hash key.',
  ],
  'sms-code-invalid': ['验证码格式有误。', 'That code is not valid.'],
  'please-retry': ['请重新输入。', 'Please try again.'],
  'no-input': ['没有收到您的输入。', 'We did not receive your input.'],
  'invalid-key': ['按键无效。', 'That key is not valid.'],
  'too-many-attempts': ['输入错误次数过多。', 'Too many invalid entries.'],
  'readback-card': ['您的卡号末四位是', 'The last four digits of your card are'],
  'readback-amount': ['支付金额', 'The amount is'],
  'confirm-pay': ['确认支付请按1，重新输入请按2。', 'To pay, press 1. To enter the card again, press 2.'],
  'please-wait': ['正在处理，请稍候。', 'Processing your payment, please wait.'],
  'payment-success': ['支付成功，感谢您的使用。', 'Your payment was successful. Thank you.'],
  'returning-to-agent': ['正在为您转回人工服务，请稍候。', 'Please hold while we return you to the agent.'],
  'payment-declined': ['支付未成功。', 'The payment did not go through.'],
  'try-another-card': ['换一张卡支付请按1，结束请按2。', 'To pay with another card press 1. To end the call press 2.'],
  'payment-confirming': [
    '支付结果正在确认中，确认后将通知商户，请勿重复支付。',
    'We are confirming your payment, and the merchant will be told the result. Please do not pay again.',
  ],
  'acquirer-unavailable': [
    '支付系统繁忙，订单未扣款，请稍后再拨。',
    'The payment system is busy. Nothing was charged. Please call again later.',
  ],
  goodbye: ['再见。', 'Goodbye.'],
  // Agent-assisted payments (src/agent-assist): heard by the cardholder only, never by the agent.
  'connecting-agent': ['正在为您接通人工服务，请稍候。', 'Please hold while we connect you to an agent.'],
  'agent-unavailable': ['人工服务暂时无法接通，请稍后再拨。', 'No agent is available now. Please call again later.'],
  'agent-left': ['人工服务已结束通话。', 'The agent has left the call.'],
  'payment-cancelled': ['本次支付已取消，未扣款。', 'The payment was cancelled. Nothing was charged.'],
  'service-unavailable': ['系统暂时无法提供服务，请稍后再拨。', 'Sorry, the service is unavailable. Please call again later.'],
  'lines-busy': ['线路繁忙，请稍后再拨。', 'All our lines are busy. Please call again later.'],
} as const;

/** Reasons after `payment-declined`, one per DeclineReason (decline-reason.ts). */
const reasons = {
  'reason-insufficient_funds': ['卡内余额不足。', 'Insufficient funds.'],
  'reason-wrong_pin': ['密码错误。', 'The PIN was wrong.'],
  'reason-too_many_pin_tries': [
    '密码错误次数超限，今日无法使用该卡。',
    'Too many wrong PIN entries. This card cannot be used today.',
  ],
  'reason-wrong_cvn2_or_expiry': ['有效期或安全码错误。', 'The expiry date or security code was wrong.'],
  'reason-id_mobile_mismatch': [
    '身份证号或手机号与银行预留信息不符。',
    'The ID number or mobile number does not match the bank records.',
  ],
  'reason-not_enabled_cnp': [
    '该卡未开通无卡支付业务，请联系发卡银行。',
    'This card is not enabled for card not present payments. Please contact your bank.',
  ],
  'reason-card_expired': ['该卡已过期。', 'This card has expired.'],
  'reason-card_not_supported': ['该卡不支持此交易。', 'This card does not support this payment.'],
  'reason-sms_code_wrong': ['短信验证码错误。', 'The SMS code was wrong.'],
  'reason-declined': ['发卡银行拒绝了交易。', 'The bank declined the payment.'],
} as const;

/** Building blocks of amounts and digits (Mandarin 一万二千三百四十五元六角七分; English words). */
const numbers = {
  'num-0': ['零', 'zero'],
  'num-1': ['一', 'one'],
  'num-2': ['二', 'two'],
  'num-3': ['三', 'three'],
  'num-4': ['四', 'four'],
  'num-5': ['五', 'five'],
  'num-6': ['六', 'six'],
  'num-7': ['七', 'seven'],
  'num-8': ['八', 'eight'],
  'num-9': ['九', 'nine'],
  'num-10': ['十', 'ten'],
  'num-11': ['十一', 'eleven'],
  'num-12': ['十二', 'twelve'],
  'num-13': ['十三', 'thirteen'],
  'num-14': ['十四', 'fourteen'],
  'num-15': ['十五', 'fifteen'],
  'num-16': ['十六', 'sixteen'],
  'num-17': ['十七', 'seventeen'],
  'num-18': ['十八', 'eighteen'],
  'num-19': ['十九', 'nineteen'],
  'num-20': ['二十', 'twenty'],
  'num-30': ['三十', 'thirty'],
  'num-40': ['四十', 'forty'],
  'num-50': ['五十', 'fifty'],
  'num-60': ['六十', 'sixty'],
  'num-70': ['七十', 'seventy'],
  'num-80': ['八十', 'eighty'],
  'num-90': ['九十', 'ninety'],
  'unit-shi': ['十', 'ten'],
  'unit-bai': ['百', 'hundred'],
  'unit-qian': ['千', 'thousand'],
  'unit-wan': ['万', 'ten thousand'],
  'unit-yi': ['亿', 'hundred million'],
  'unit-million': ['百万', 'million'],
  'unit-yuan': ['元', 'yuan'],
  'unit-jiao': ['角', 'jiao'],
  'unit-fen': ['分', 'fen'],
  'word-and': ['和', 'and'],
} as const;

/** Issuer names, heard when a bank is not accepted. Codes match src/domain/bin-table. */
const banks = {
  'bank-boc': ['中国银行', 'Bank of China'],
  'bank-cmb': ['招商银行', 'China Merchants Bank'],
  'bank-icbc': ['中国工商银行', 'Industrial and Commercial Bank of China'],
  'bank-ccb': ['中国建设银行', 'China Construction Bank'],
  'bank-cib': ['兴业银行', 'Industrial Bank'],
  'bank-ceb': ['中国光大银行', 'China Everbright Bank'],
  'bank-cgb': ['广发银行', 'China Guangfa Bank'],
  'bank-pab': ['平安银行', 'Ping An Bank'],
  'bank-abc': ['中国农业银行', 'Agricultural Bank of China'],
  'bank-bocom': ['交通银行', 'Bank of Communications'],
  'bank-psbc': ['中国邮政储蓄银行', 'Postal Savings Bank of China'],
  'bank-cmbc': ['中国民生银行', 'China Minsheng Bank'],
  'bank-citic': ['中信银行', 'China CITIC Bank'],
  'bank-spdb': ['浦发银行', 'Shanghai Pudong Development Bank'],
  'bank-hxb': ['华夏银行', 'Hua Xia Bank'],
} as const;

type Texts = readonly [zh: string, en: string];
const all = { ...flow, ...reasons, ...numbers, ...banks } satisfies Record<string, Texts>;

export type PromptId = keyof typeof all;
export const PROMPTS: Readonly<Record<PromptId, Texts>> = all;
export const PROMPT_IDS = Object.keys(all) as PromptId[];

export function isPromptId(id: string): id is PromptId {
  return Object.prototype.hasOwnProperty.call(all, id);
}

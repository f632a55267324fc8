/**
 * SIPp scenarios for the real-SIP-phone tests (test/e2e/sip-phone.e2e.test.ts), written as XML by code
 * so each test states only what differs: how keys are sent, extra INVITE headers, how the call ends.
 * SIPp fills the [bracketed] keywords itself (addresses, tags, lengths).
 */

export type DtmfMode = 'rfc4733' | 'info';

export interface CallerScenario {
  /** The SIP user, as in the endpoint and auth sections of dialplan/pjsip.conf. */
  user: string;
  dtmf: DtmfMode;
  /** Keys sent right after the ACK: the IVR keeps keys pressed during its prompts as type-ahead. */
  keys: string;
  /** Extra INVITE headers, e.g. { 'X-Pay-Code': '583920' }. */
  headers?: Record<string, string>;
  /** INFO bodies sent before the keys, as a broken desk phone would, each with the final answer it must get. */
  rawInfo?: { body: string; answer: number }[];
  /** Longest wait for the IVR's BYE (ms). */
  byeTimeoutMs: number;
}

const FROM = (user: string) => `From: <sip:${user}@[local_ip]:[local_port]>;tag=[pid]SIPpTag00[call_number]`;
const TO = 'To: <sip:[service]@[remote_ip]:[remote_port]>';
const SDP = [
  'v=0',
  'o=user1 53655765 2353687637 IN IP[local_ip_type] [local_ip]',
  's=-',
  'c=IN IP[media_ip_type] [media_ip]',
  't=0 0',
  // 96: the payload type SIPp 3.6's play_dtmf writes into its telephone-event packets, whatever the SDP says.
  'm=audio [media_port] RTP/AVP 0 96',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:96 telephone-event/8000',
  'a=fmtp:96 0-16',
  'a=sendrecv',
].join('\n');

function cdata(lines: string[]): string {
  return `<![CDATA[\n${lines.join('\n')}\n]]>`;
}

function invite(s: CallerScenario, cseq: number, auth: boolean): string {
  const headers = Object.entries(s.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
  return `<send retrans="500">${cdata([
    'INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0',
    'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
    FROM(s.user),
    TO,
    'Call-ID: [call_id]',
    `CSeq: ${cseq} INVITE`,
    `Contact: <sip:${s.user}@[local_ip]:[local_port]>`,
    ...(auth ? [`[authentication username=${s.user}]`] : []),
    ...headers,
    'Max-Forwards: 70',
    'Content-Type: application/sdp',
    'Content-Length: [len]',
    '',
    SDP,
  ])}</send>`;
}

function inDialog(s: CallerScenario, method: string, cseq: number, body?: { type: string; text: string }): string {
  return `<send>${cdata([
    `${method} [next_url] SIP/2.0`,
    'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
    FROM(s.user),
    `${TO}[peer_tag_param]`,
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ${method}`,
    `Contact: <sip:${s.user}@[local_ip]:[local_port]>`,
    'Max-Forwards: 70',
    ...(body ? [`Content-Type: ${body.type}`, 'Content-Length: [len]', '', body.text] : ['Content-Length: 0']),
  ])}</send>`;
}

function ackFor(s: CallerScenario, cseq: number, uri: string): string {
  return `<send>${cdata([
    `ACK ${uri} SIP/2.0`,
    'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
    FROM(s.user),
    `${TO}[peer_tag_param]`,
    'Call-ID: [call_id]',
    `CSeq: ${cseq} ACK`,
    'Max-Forwards: 70',
    'Content-Length: 0',
  ])}</send>`;
}

/** RFC 4733 events as SIPp's play_dtmf sends them (200 ms tones, telephone-event type 96), or one INFO per key. */
function sendKeys(s: CallerScenario, firstCseq: number): { xml: string[]; nextCseq: number } {
  const xml: string[] = [];
  let cseq = firstCseq;
  for (const { body, answer } of s.rawInfo ?? []) {
    xml.push(inDialog(s, 'INFO', cseq++, { type: 'application/dtmf-relay', text: body }));
    xml.push(`<recv response="${answer}"/>`);
  }
  if (s.dtmf === 'rfc4733') {
    xml.push(`<nop><action><exec play_dtmf="${s.keys}"/></action></nop>`);
    return { xml, nextCseq: cseq };
  }
  for (const key of s.keys) {
    const signal = key === '*' ? '10' : key === '#' ? '11' : key;
    xml.push(inDialog(s, 'INFO', cseq++, { type: 'application/dtmf-relay', text: `Signal=${signal}\nDuration=160` }));
    xml.push('<recv response="200"/>', '<pause milliseconds="40"/>');
  }
  return { xml, nextCseq: cseq };
}

/**
 * A caller on `user` with digest authentication (401, then the INVITE again with credentials), who keys
 * `keys` and then waits for the IVR to hang up, answering its BYE.
 */
export function callerScenario(s: CallerScenario): string {
  const keys = sendKeys(s, 3);
  const steps = [
    invite(s, 1, false),
    '<recv response="100" optional="true"/>',
    '<recv response="401" auth="true"/>',
    ackFor(s, 1, 'sip:[service]@[remote_ip]:[remote_port]'),
    invite(s, 2, true),
    '<recv response="100" optional="true"/>',
    '<recv response="180" optional="true"/>',
    '<recv response="183" optional="true"/>',
    '<recv response="200" rrs="true"/>',
    ackFor(s, 2, '[next_url]'),
    ...keys.xml,
    `<recv request="BYE" timeout="${s.byeTimeoutMs}"/>`,
    `<send>${cdata([
      'SIP/2.0 200 OK',
      '[last_Via:]',
      '[last_From:]',
      '[last_To:]',
      '[last_Call-ID:]',
      '[last_CSeq:]',
      'Content-Length: 0',
    ])}</send>`,
    // Asterisk may send re-INVITEs or other requests we do not expect: SIPp fails the call on them, as it should.
  ];
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>\n<scenario name="ivrpay caller">\n${steps.join('\n')}\n</scenario>\n`;
}

/**
 * The call centre agent a caller is handed back to: answers the INVITE (whose result headers the test reads in
 * SIPp's message trace), and hangs up after `talkMs`, which ends the caller's call too.
 */
export function agentScenario(talkMs: number): string {
  const steps = [
    // The caller's From, to be our To in the BYE we send.
    `<recv request="INVITE" rrs="true"><action><ereg regexp=".*" search_in="hdr" header="From:" check_it="true" assign_to="1"/></action></recv>`,
    `<send>${cdata([
      'SIP/2.0 200 OK',
      '[last_Via:]',
      '[last_From:]',
      '[last_To:];tag=[pid]SIPpTag01[call_number]',
      '[last_Call-ID:]',
      '[last_CSeq:]',
      '[last_Record-Route:]',
      'Contact: <sip:agent@[local_ip]:[local_port]>',
      'Content-Type: application/sdp',
      'Content-Length: [len]',
      '',
      SDP,
    ])}</send>`,
    '<recv request="ACK"/>',
    `<pause milliseconds="${talkMs}"/>`,
    `<send retrans="500">${cdata([
      'BYE [next_url] SIP/2.0',
      'Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]',
      'From: <sip:agent@[local_ip]:[local_port]>;tag=[pid]SIPpTag01[call_number]',
      'To:[$1]',
      'Call-ID: [call_id]',
      'CSeq: 1 BYE',
      'Max-Forwards: 70',
      'Content-Length: 0',
    ])}</send>`,
    '<recv response="200"/>',
  ];
  return `<?xml version="1.0" encoding="ISO-8859-1" ?>\n<scenario name="ivrpay agent">\n${steps.join('\n')}\n</scenario>\n`;
}

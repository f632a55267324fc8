import { AcpError } from './acp-error';
import type { AcpFields } from './acp-fields';

/**
 * Two body formats, both `k=v&k=v`:
 * - requests to the acquirer and its notifications to backUrl are ordinary
 *   application/x-www-form-urlencoded bodies (encodeForm/decodeForm);
 * - the acquirer's synchronous answer is NOT url-encoded: values (base64 signatures, PEM
 *   certificates, `{…}` groups) come raw, and `&` splits fields only outside braces, as the official
 *   SDK's parseQString reads it (encodeAnswer/decodeAnswer).
 * Both reject duplicate keys and anything that is not an ACP field name, so no field is ambiguous.
 */
export function encodeForm(fields: AcpFields): string {
  return new URLSearchParams(Object.entries(fields)).toString();
}

export function decodeForm(body: string): AcpFields {
  const fields: AcpFields = {};
  for (const [key, value] of new URLSearchParams(body)) addField(fields, key, value);
  return fields;
}

export function encodeAnswer(fields: AcpFields): string {
  const body = Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const back = decodeAnswer(body);
  const exact =
    Object.keys(back).length === Object.keys(fields).length && Object.entries(fields).every(([k, v]) => back[k] === v);
  if (!exact) throw new AcpError('acp_field_invalid', 'a field cannot be carried unencoded (stray & or braces)');
  return body;
}

export function decodeAnswer(body: string): AcpFields {
  const fields: AcpFields = {};
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    const ch = body[i];
    if (ch === '{' || ch === '[') depth++;
    else if ((ch === '}' || ch === ']') && depth > 0) depth--;
    else if (i === body.length || (ch === '&' && depth === 0)) {
      addPair(fields, body.slice(start, i));
      start = i + 1;
    }
  }
  return fields;
}

function addPair(fields: AcpFields, pair: string): void {
  if (pair === '') return;
  const eq = pair.indexOf('=');
  if (eq <= 0) throw new AcpError('acp_malformed', 'a field without a name or "="');
  addField(fields, pair.slice(0, eq), pair.slice(eq + 1));
}

/** ACP names are alphanumeric; refusing others also keeps `__proto__` out of plain objects. */
function addField(fields: AcpFields, key: string, value: string): void {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(key)) throw new AcpError('acp_malformed', 'a field name is not alphanumeric');
  if (Object.hasOwn(fields, key)) throw new AcpError('acp_malformed', `field ${key} appears twice`);
  fields[key] = value;
}

import type { ErrorBody } from '../../src/http/error-middleware';

/**
 * A JSON body (supertest's `res.body`, which is `any`) as the type the test expects. Only a cast:
 * the test's own assertions are what check it.
 */
export function bodyOf<T>(res: { body: unknown }): T {
  return res.body as T;
}

/** The `error` of an API error answer: `{ error: { code, message, fields? } }`. */
export function errorOf(res: { body: unknown }): ErrorBody['error'] {
  return bodyOf<ErrorBody>(res).error;
}

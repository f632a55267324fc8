import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/app-error';
import type { ServiceDeps } from '../services/service-deps';
import { newId } from '../store/new-id';
import { isUniqueViolation } from '../store/unique-violation';
import { hashPassword, verifyNothing, verifyPassword } from './password-hash';

/** A console login, as the console and the CLI see it (never its hash). */
export interface Operator {
  id: string;
  name: string;
  /** Changes with the password: a session opened under another one is over. */
  passwordSetAt: string;
  createdAt: string;
}

/** A password given, or the one generated (shown once). */
export interface PasswordResult {
  name: string;
  /** Present only when generated here: the one time it is shown. */
  generatedPassword?: string;
}

const NAME = /^[A-Za-z0-9._-]{1,40}$/;
const MIN_PASSWORD = 12;
const MAX_PASSWORD = 200;

function checkName(name: string): void {
  if (!NAME.test(name)) throw new AppError('validation_failed', 'an operator name is 1 to 40 letters, digits, ".", "_" or "-"');
}

/** The password given, checked, or a new random one (144 bits, 24 characters). */
function choosePassword(given: string | undefined): { password: string; generated: boolean } {
  if (given === undefined) return { password: randomBytes(18).toString('base64url'), generated: true };
  if (given.length < MIN_PASSWORD || given.length > MAX_PASSWORD) {
    throw new AppError('validation_failed', `a password has ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`);
  }
  return { password: given, generated: false };
}

export function createOperatorService(deps: ServiceDeps) {
  const { operators } = deps.store;
  const toOperator = (row: { id: string; name: string; password_set_at: string; created_at: string }): Operator => ({
    id: row.id,
    name: row.name,
    passwordSetAt: row.password_set_at,
    createdAt: row.created_at,
  });

  return {
    async create(name: string, password?: string): Promise<PasswordResult> {
      checkName(name);
      const chosen = choosePassword(password);
      const nowIso = deps.now().toISOString();
      try {
        await operators.insert({
          id: newId('opr'),
          name,
          password_hash: await hashPassword(chosen.password),
          password_set_at: nowIso,
          created_at: nowIso,
        });
      } catch (err) {
        if (isUniqueViolation(err, 'name')) throw new AppError('conflict', `an operator named ${name} exists`);
        throw err;
      }
      deps.log.info({ operator: name }, 'operator created');
      return { name, ...(chosen.generated ? { generatedPassword: chosen.password } : {}) };
    },

    async list(): Promise<Operator[]> {
      return (await operators.list()).map(toOperator);
    },

    async remove(name: string): Promise<void> {
      if (!(await operators.remove(name))) throw new AppError('not_found', `no operator ${name}`);
      deps.log.info({ operator: name }, 'operator removed');
    },

    async setPassword(name: string, password?: string): Promise<PasswordResult> {
      const chosen = choosePassword(password);
      const setAt = deps.now().toISOString();
      if (!(await operators.setPassword(name, await hashPassword(chosen.password), setAt))) {
        throw new AppError('not_found', `no operator ${name}`);
      }
      deps.log.info({ operator: name }, 'operator password changed');
      return { name, ...(chosen.generated ? { generatedPassword: chosen.password } : {}) };
    },

    /** The operator whose name and password these are; undefined otherwise, after the same work either way. */
    async authenticate(name: string, password: string): Promise<Operator | undefined> {
      const row = NAME.test(name) ? await operators.findByName(name) : undefined;
      const ok = row ? await verifyPassword(password, row.password_hash) : await verifyNothing(password);
      return ok && row ? toOperator(row) : undefined;
    },

    /** The operator still there with this id; undefined once removed. */
    async find(id: string): Promise<Operator | undefined> {
      const row = await operators.find(id);
      return row && toOperator(row);
    },
  };
}

export type OperatorService = ReturnType<typeof createOperatorService>;

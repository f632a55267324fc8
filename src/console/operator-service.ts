import { AppError } from '../domain/app-error';
import type { ServiceDeps } from '../services/service-deps';
import { newId } from '../store/new-id';
import { isUniqueViolation } from '../store/unique-violation';
import { checkLoginName, choosePassword, isLoginName, passwordResult, type PasswordResult } from './login-password';
import { hashPassword, verifyNothing, verifyPassword } from './password-hash';

export type { PasswordResult } from './login-password';

/** A console login, as the console and the CLI see it (never its hash). */
export interface Operator {
  id: string;
  name: string;
  /** Changes with the password: a session opened under another one is over. */
  passwordSetAt: string;
  createdAt: string;
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
      checkLoginName(name, 'an operator');
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
      return passwordResult(name, chosen);
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
      return passwordResult(name, chosen);
    },

    /** The operator whose name and password these are; undefined otherwise, after the same work either way. */
    async authenticate(name: string, password: string): Promise<Operator | undefined> {
      const row = isLoginName(name) ? await operators.findByName(name) : undefined;
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

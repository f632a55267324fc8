import { checkLoginName, choosePassword, isLoginName, passwordResult, type PasswordResult } from '../console/login-password';
import { hashPassword, verifyNothing, verifyPassword } from '../console/password-hash';
import { AppError } from '../domain/app-error';
import type { ServiceDeps } from '../services/service-deps';
import type { AgentRow } from '../store/agent-rows';
import { newId } from '../store/new-id';
import { isUniqueViolation } from '../store/unique-violation';

/** An agent page login, as the page and the CLI see it (never its hash). */
export interface Agent {
  id: string;
  merchantId: string;
  name: string;
  /** What the dialplan rings for this agent: the calls on it are listed first. */
  extension: string;
  /** Changes with the password: a session opened under another one is over. */
  passwordSetAt: string;
  createdAt: string;
  /** Set once disabled: it no longer logs in, and its open sessions end. */
  disabledAt?: string;
}

export interface NewAgent {
  merchantId: string;
  name: string;
  extension: string;
}

/** Letters and digits, as a dialplan extension is dialled (no patterns: `_X.` would ring every agent). */
const EXTENSION = /^[A-Za-z0-9]{1,20}$/;

const toAgent = (row: AgentRow): Agent => ({
  id: row.id,
  merchantId: row.merchant_id,
  name: row.name,
  extension: row.extension,
  passwordSetAt: row.password_set_at,
  createdAt: row.created_at,
  ...(row.disabled_at ? { disabledAt: row.disabled_at } : {}),
});

export function createAgentService(deps: ServiceDeps) {
  const { agents, merchants } = deps.store;

  return {
    async create(input: NewAgent, password?: string): Promise<PasswordResult> {
      checkLoginName(input.name, 'an agent');
      if (!EXTENSION.test(input.extension)) throw new AppError('validation_failed', 'an extension is 1 to 20 letters or digits');
      if (!(await merchants.find(input.merchantId))) throw new AppError('not_found', `no merchant ${input.merchantId}`);
      const chosen = choosePassword(password);
      const nowIso = deps.now().toISOString();
      try {
        await agents.insert({
          id: newId('agt'),
          merchant_id: input.merchantId,
          name: input.name,
          extension: input.extension,
          password_hash: await hashPassword(chosen.password),
          password_set_at: nowIso,
          created_at: nowIso,
          disabled_at: null,
        });
      } catch (err) {
        if (isUniqueViolation(err, 'name')) throw new AppError('conflict', `an agent named ${input.name} exists`);
        if (isUniqueViolation(err, 'extension'))
          throw new AppError('conflict', `extension ${input.extension} is another agent's`);
        throw err;
      }
      deps.log.info({ agent: input.name, merchantId: input.merchantId }, 'agent created');
      return passwordResult(input.name, chosen);
    },

    async list(merchantId?: string): Promise<Agent[]> {
      return (await agents.list(merchantId)).map(toAgent);
    },

    async disable(name: string): Promise<void> {
      if (await agents.disable(name, deps.now().toISOString())) return deps.log.info({ agent: name }, 'agent disabled');
      const row = await agents.findByName(name);
      if (!row) throw new AppError('not_found', `no agent ${name}`);
      throw new AppError('conflict', `agent ${name} was disabled at ${row.disabled_at}`);
    },

    async resetPassword(name: string, password?: string): Promise<PasswordResult> {
      const chosen = choosePassword(password);
      if (!(await agents.setPassword(name, await hashPassword(chosen.password), deps.now().toISOString()))) {
        throw new AppError('not_found', `no agent ${name}`);
      }
      deps.log.info({ agent: name }, 'agent password reset');
      return passwordResult(name, chosen);
    },

    /** The enabled agent whose name and password these are; undefined otherwise, after the same work either way. */
    async authenticate(name: string, password: string): Promise<Agent | undefined> {
      const row = isLoginName(name) ? await agents.findByName(name) : undefined;
      const ok = row ? await verifyPassword(password, row.password_hash) : await verifyNothing(password);
      return ok && row && !row.disabled_at ? toAgent(row) : undefined;
    },

    /** The agent with this id while it is enabled; undefined once disabled. */
    /** The merchant of an agent-assisted call to this extension (src/agent-assist/agent-directory.ts). */
    async merchantOfExtension(extension: string): Promise<string | undefined> {
      return (await deps.store.agents.findEnabledByExtension(extension))?.merchant_id;
    },

    async find(id: string): Promise<Agent | undefined> {
      const row = await agents.find(id);
      return row && !row.disabled_at ? toAgent(row) : undefined;
    },
  };
}

export type AgentService = ReturnType<typeof createAgentService>;

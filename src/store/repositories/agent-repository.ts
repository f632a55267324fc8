import type { AgentRow } from '../agent-rows';
import type { Source } from '../source';

/** The `agents` table (migration 015): agent page logins, one merchant each. */
export interface AgentRepository {
  insert(row: AgentRow): Promise<void>;
  find(id: string): Promise<AgentRow | undefined>;
  findByName(name: string): Promise<AgentRow | undefined>;
  /** The enabled agent the dialplan rings at this extension. */
  findEnabledByExtension(extension: string): Promise<AgentRow | undefined>;
  /** By name; one merchant's when given. */
  list(merchantId?: string): Promise<AgentRow[]>;
  /** Whether an enabled agent of that name was disabled. */
  disable(name: string, at: string): Promise<boolean>;
  /** Whether an agent of that name got the new hash. */
  setPassword(name: string, passwordHash: string, setAt: string): Promise<boolean>;
}

export function createAgentRepository(db: Source): AgentRepository {
  const agents = () => db.table('agents');
  return {
    async insert(row) {
      await agents().insert(row);
    },
    find: (id) => agents().where({ id }).first(),
    findByName: (name) => agents().where({ name }).first(),
    findEnabledByExtension: (extension) => agents().where({ extension }).whereNull('disabled_at').first(),
    list: (merchantId) => (merchantId === undefined ? agents() : agents().where({ merchant_id: merchantId })).orderBy('name'),
    async disable(name, at) {
      return (await agents().where({ name }).whereNull('disabled_at').update({ disabled_at: at })) > 0;
    },
    async setPassword(name, passwordHash, setAt) {
      return (await agents().where({ name }).update({ password_hash: passwordHash, password_set_at: setAt })) > 0;
    },
  };
}

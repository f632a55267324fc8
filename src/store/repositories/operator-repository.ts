import type { OperatorRow } from '../operator-rows';
import type { Source } from '../source';

/** The `operators` table (migration 013): console logins. */
export interface OperatorRepository {
  insert(row: OperatorRow): Promise<void>;
  find(id: string): Promise<OperatorRow | undefined>;
  findByName(name: string): Promise<OperatorRow | undefined>;
  /** By name. */
  list(): Promise<OperatorRow[]>;
  /** Whether an operator of that name was removed. */
  remove(name: string): Promise<boolean>;
  /** Whether an operator of that name got the new hash. */
  setPassword(name: string, passwordHash: string, setAt: string): Promise<boolean>;
}

export function createOperatorRepository(db: Source): OperatorRepository {
  const operators = () => db.table('operators');
  return {
    async insert(row) {
      await operators().insert(row);
    },
    find: (id) => operators().where({ id }).first(),
    findByName: (name) => operators().where({ name }).first(),
    list: () => operators().orderBy('name'),
    async remove(name) {
      return (await operators().where({ name }).delete()) > 0;
    },
    async setPassword(name, passwordHash, setAt) {
      return (await operators().where({ name }).update({ password_hash: passwordHash, password_set_at: setAt })) > 0;
    },
  };
}

import type { SessionUser } from '../../console/console-sessions';

/** A logged-in agent: its merchant scopes every call it sees and every action it takes. */
export interface AgentLogin extends SessionUser {
  merchantId: string;
  extension: string;
}

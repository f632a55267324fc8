/**
 * Which merchant an agent extension works for: the merchant of an agent-assisted call is the merchant of the agent
 * account whose extension it rang (README, "Agent-assisted payments"). Implemented over the agent accounts.
 */
export interface AgentDirectory {
  /** Undefined when no agent account has this extension. */
  merchantOfExtension(extension: string): Promise<string | undefined>;
}

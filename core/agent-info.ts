/** @module AgentInfo: facts about the running agent that plugins may read. */

/** Facts about the agent, available by `@inject(AGENT_INFO)`. */
export interface AgentInfo {
  /** Agent (microservice) label; the node name for a vswitch agent. */
  readonly label: string;
  /** Name of the build (`full`, `minimal`, ...). */
  readonly build: string;
  /** Plugin names in start order. */
  readonly order: readonly string[];
}

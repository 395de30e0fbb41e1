/** What a failing call was about, as the caller named it. */
export interface LettaCallTarget {
  /** The adapter method the caller used (`deleteBlock`, `execute`). */
  operation?: string;
  /** The kind of resource the call addressed (`agent`, `memory_block`, `tool`, `passage`, `run`). */
  resource?: string;
  resourceId?: string;
  /** The agent the resource belongs to, when the resource is not the agent itself. */
  agentId?: string;
}

const NOUNS: Record<string, string> = {
  memory_block: "memory block",
  agent: "agent",
  tool: "tool",
  passage: "passage",
};

/** `memory block "notes" of agent agent-1`, `agent agent-1`, or `undefined` when the call named nothing. */
export function describeLettaTarget(target: LettaCallTarget): string | undefined {
  const { resource, resourceId, agentId } = target;
  if (resource === undefined) return agentId ? `agent ${agentId}` : undefined;
  const noun = NOUNS[resource] ?? resource.replace(/_/g, " ");
  // Labels are words people chose; ids are ids.
  const named =
    resourceId === undefined ? noun : resource === "memory_block" ? `${noun} "${resourceId}"` : `${noun} ${resourceId}`;
  return agentId && resource !== "agent" ? `${named} of agent ${agentId}` : named;
}

/** The start of every error sentence: `deleteBlock failed` (or `The Letta request failed` when unnamed). */
export function lettaCallFailed(target: LettaCallTarget): string {
  return target.operation ? `${target.operation} failed` : "The Letta request failed";
}

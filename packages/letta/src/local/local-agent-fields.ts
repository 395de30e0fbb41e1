import { UnsupportedFeatureError } from "@openharness/adapter-kit";
import type { CapabilityOperation, CreateAgentRequest, CreateMemoryBlock } from "@openharness/types";

/** The blocks of an agent created without any. */
export const LOCAL_DEFAULT_BLOCKS: CreateMemoryBlock[] = [
  { label: "human", value: "What I know about the user:" },
  { label: "persona", value: "I am a helpful assistant with a persistent memory." },
];

/** Agent fields the App Server has no place for: [field, why, what to do instead]. */
const REJECTED: [keyof CreateAgentRequest, string, string][] = [
  ["embedding_model", "the local backend has no embeddings (no archival memory)", "leave it out"],
  ["tools", "the App Server has no server-side tool registry", "pass clientTools to execute, or enable hostTools"],
  [
    "include_base_tools",
    "Letta Code decides the base tools; host tools are off unless hostTools enables them",
    "use the hostTools option",
  ],
];

/** Throws `UnsupportedFeatureError` for the first field of `config` the App Server cannot store. */
export function rejectLocalAgentFields(
  config: CreateAgentRequest,
  operation: CapabilityOperation<"agents">,
  harness: string,
): void {
  for (const [field, reason, workaround] of REJECTED) {
    if (config[field] !== undefined)
      throw new UnsupportedFeatureError({
        harness,
        domain: "agents",
        operation,
        reason: `${field}: ${reason}`,
        workaround,
      });
  }
}

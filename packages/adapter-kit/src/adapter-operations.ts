import { CAPABILITY_VOCABULARY, type CapabilityDomain } from "@openharness/types";

/** Domains whose operations are callable but not yet typed by the contract. */
export const UNTYPED_DOMAINS = ["sessions", "mcp", "skills", "subagents", "files", "hooks", "planning"] as const;

/** One of {@link UNTYPED_DOMAINS}. */
export type UntypedDomain = (typeof UNTYPED_DOMAINS)[number];

/** `pre-tool` → `preTool`. */
export const camelCase = (operation: string) => operation.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

const untypedMethods = Object.fromEntries(
  UNTYPED_DOMAINS.map((domain) => [
    domain,
    Object.fromEntries(CAPABILITY_VOCABULARY[domain].map((operation) => [operation, [`${domain}.${camelCase(operation)}`]])),
  ]),
);

/**
 * Which adapter methods carry each operation of the vocabulary. An operation absent here is
 * declared only (it has no method of its own, like `execution.thinking`).
 */
export const OPERATION_METHODS: { [D in CapabilityDomain]?: Record<string, readonly string[]> } = {
  agents: {
    create: ["createAgent"],
    get: ["getAgent"],
    list: ["listAgents"],
    update: ["updateAgent"],
    delete: ["deleteAgent"],
  },
  execution: { sync: ["execute"], stream: ["executeStream"] },
  tools: { list: ["listTools"], register: ["registerTool"], unregister: ["unregisterTool"], invoke: ["invokeTool"] },
  memory: {
    blocks: ["memory.getBlocks", "memory.getBlock", "memory.updateBlock", "memory.addBlock", "memory.deleteBlock"],
    archive: ["memory.insertPassage", "memory.listPassages", "memory.deletePassage"],
    search: ["memory.searchPassages"],
  },
  ...untypedMethods,
};

/** The `memory` methods, in interface order. */
export const MEMORY_METHODS = [
  "getBlocks",
  "getBlock",
  "updateBlock",
  "addBlock",
  "deleteBlock",
  "insertPassage",
  "listPassages",
  "searchPassages",
  "deletePassage",
] as const;

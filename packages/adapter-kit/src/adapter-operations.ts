import type { CapabilityDomain } from "@openharness/types";

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

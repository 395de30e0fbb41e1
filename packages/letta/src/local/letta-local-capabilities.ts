import type { CapabilityDeclarations } from "@openharness/adapter-kit";

/**
 * What a Letta Code App Server supports through `LettaLocalAdapter`. Implemented operations are
 * supported by construction; these rows add what has no method of its own, and say why and what
 * instead for everything else.
 */
export const LETTA_LOCAL_CAPABILITIES: CapabilityDeclarations = {
  agents: {
    clone: {
      status: "unsupported",
      reason: "the App Server has no agent export or import",
      workaround: "create a new agent with the same config and blocks",
    },
    export: {
      status: "unsupported",
      reason: "the App Server has no agent export",
      workaround: "read the agent and its blocks with getAgent",
    },
    import: {
      status: "unsupported",
      reason: "the App Server has no agent import",
      workaround: "createAgent with the exported config",
    },
  },
  execution: {
    cancel: {
      status: "supported",
      limitations: ["through the AbortSignal: abort_message on the App Server, confirmed by turn_finished: cancelled"],
    },
    "tool-calls": {
      status: "supported",
      limitations: [
        "every call is approved in-turn: the agent's memory tool and clientTools run; host tools (Bash, files, subagents) are off unless enabled with hostTools, and each call then needs onApproval",
      ],
    },
    thinking: { status: "supported", limitations: ["when the model sends reasoning"] },
    artifacts: {
      status: "unsupported",
      reason: "Letta produces no artifacts",
      workaround: "keep results in a memory block",
    },
  },
  memory: {
    blocks: {
      status: "supported",
      limitations: [
        "blocks are memfs files system/<label>.md committed to git; getBlocks does not report limit (getBlock does)",
      ],
    },
    archive: {
      status: "unsupported",
      reason: "the local backend has no archival memory (no embeddings)",
      workaround: "keep notes as memory files or blocks, or use LettaAdapter with Letta Cloud",
    },
    search: {
      status: "unsupported",
      reason: "the local backend has no archival memory (no embeddings)",
      workaround: "read the blocks with memory.getBlocks",
    },
    "cross-session": {
      status: "supported",
      limitations: ["memory belongs to the agent and is shared by all its conversations"],
    },
    "read-only": {
      status: "unsupported",
      reason: "read_only is a protected memfs field the App Server does not let a client set",
      workaround: "keep fixed facts in the agent's system prompt",
    },
  },
  tools: {
    list: {
      status: "unsupported",
      reason: "the App Server has no server-side tool registry",
      workaround: "pass clientTools per turn",
    },
    register: {
      status: "unsupported",
      reason: "the App Server has no server-side tool registry",
      workaround: "pass TypeScript tools as clientTools of execute/executeStream",
    },
    unregister: {
      status: "unsupported",
      reason: "the App Server has no server-side tool registry",
      workaround: "leave the tool out of clientTools",
    },
    invoke: {
      status: "unsupported",
      reason: "tools run inside an agent's turn",
      workaround: "call your function directly, or ask the agent (execute)",
    },
  },
  sessions: {
    create: { status: "supported" },
    get: { status: "supported" },
    resume: {
      status: "supported",
      limitations: ["a conversation is continued by passing its id as ExecuteRequest.session_id"],
    },
    list: { status: "supported" },
    fork: { status: "supported" },
    history: { status: "supported" },
    named: {
      status: "unsupported",
      reason: "not part of this adapter yet",
      workaround: "keep a name-to-session map in your app",
    },
    delete: {
      status: "unsupported",
      reason: "the App Server protocol has no command to delete a conversation",
      workaround: "leave the conversation; deleting the agent deletes all of them",
    },
  },
  mcp: {
    status: "unsupported",
    reason: "Letta Code's MCP servers are not exposed through this adapter",
    workaround: "wrap the MCP tool as a clientTool",
  },
  skills: {
    status: "unsupported",
    reason: "Letta Code skills are not exposed through this adapter",
    workaround: "use clientTools",
  },
  subagents: {
    status: "unsupported",
    reason: "subagents run on the host and are off by default",
    workaround: "create separate agents",
  },
  files: {
    status: "unsupported",
    reason: "host file tools are off by default",
    workaround: "enable Read/Write/Edit with hostTools and approve each call",
  },
  hooks: { status: "unsupported", reason: "not supported", workaround: "wrap adapter methods" },
  planning: { status: "unsupported", reason: "no planning API", workaround: "keep a plan in a memory block" },
  models: {
    "multi-model": {
      status: "supported",
      limitations: ["each agent has its own model (a handle like openai-compatible/<id> or ollama/<id>)"],
    },
    "model-switch": {
      status: "unsupported",
      reason: "the App Server has no per-turn model override",
      workaround: "updateAgent(agentId, { model })",
    },
    "model-list": {
      status: "unsupported",
      reason: "not part of this adapter yet",
      workaround: "run letta connect / list models in Letta Code",
    },
  },
};

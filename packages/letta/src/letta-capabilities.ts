import type { CapabilityDeclarations } from "@openharness/adapter-kit";

/**
 * What Letta supports through this adapter. Implemented operations are supported by
 * construction; these rows add what has no method of its own, and say why and what instead
 * for everything else.
 */
export const LETTA_CAPABILITIES: CapabilityDeclarations = {
  agents: {
    clone: {
      status: "unsupported",
      reason: "not part of this adapter yet",
      workaround: "use adapter.client.agents.exportFile and importFile",
    },
    export: {
      status: "unsupported",
      reason: "not part of this adapter yet",
      workaround: "use adapter.client.agents.exportFile",
    },
    import: {
      status: "unsupported",
      reason: "not part of this adapter yet",
      workaround: "use adapter.client.agents.importFile",
    },
  },
  execution: {
    cancel: {
      status: "supported",
      limitations: ["through the AbortSignal of execute and executeStream, which also cancels the run on Letta"],
    },
    "tool-calls": { status: "supported" },
    thinking: { status: "supported", limitations: ["hidden reasoning arrives as a redacted thinking event"] },
    approvals: {
      limitations: [
        "tools need approval when registered with default_requires_approval or given a requires_approval tool rule",
        "in a mixed parallel step Letta parks the calls needing no approval with the others: they are listed in approval_request and run whatever the answer (denying one by id is refused)",
      ],
    },
    artifacts: {
      status: "unsupported",
      reason: "Letta produces no artifacts",
      workaround: "store results in archival memory or a memory block",
    },
  },
  memory: {
    "cross-session": {
      status: "supported",
      limitations: ["memory belongs to the agent and persists across every conversation with it"],
    },
    "read-only": {
      status: "supported",
      limitations: ["read_only blocks cannot be edited by the agent; the application still can"],
    },
    "update-events": {
      status: "supported",
      limitations: [
        "read from Letta after each tool return (core blocks, and the newest 20 archival passages): two extra reads per tool return; memoryEvents: false turns them off",
        "when one message returns several calls, the change is not attributed to a tool_call_id",
      ],
    },
  },
  tools: {
    client: {
      status: "supported",
      limitations: [
        "sent as Letta client_tools; a turn cancelled while a client tool runs leaves its approval pending on the agent (answer it with respondToApproval)",
      ],
    },
    register: { limitations: ["Letta tools are Python source run in Letta's sandbox"] },
    invoke: {
      status: "unsupported",
      reason: "Letta runs tools inside an agent's turn",
      workaround: "ask the agent to use the tool (execute), or call adapter.client.agents.tools.run",
    },
  },
  sessions: {
    resume: {
      status: "supported",
      limitations: [
        "sessions are Letta conversations: run a turn in one with ExecuteRequest.session_id; they share the agent's memory",
        "respondToApproval with session_id is not supported: answer a session's approvals in the turn (onApproval, clientTools)",
      ],
    },
    named: { status: "supported", limitations: ["the name is the conversation's summary on Letta"] },
    create: { limitations: ["metadata is refused: Letta conversations have none"] },
  },
  mcp: {
    status: "unsupported",
    reason: "Letta connects MCP servers (/v1/mcp-servers), but this adapter does not wrap them yet",
    workaround: "add the server with adapter.client.mcpServers, then attachTool its tools",
  },
  skills: {
    status: "unsupported",
    reason: "Letta's server has no skills",
    workaround: "register tools (registerTool)",
  },
  subagents: {
    status: "unsupported",
    reason: "Letta's multi-agent tools and groups are not wrapped by this adapter",
    workaround:
      "create separate agents; createAgent({ letta: { include_multi_agent_tools: true } }) lets an agent message them",
  },
  files: {
    status: "unsupported",
    reason: "Letta has folders of files an agent can read, but this adapter does not wrap them yet",
    workaround: "upload with adapter.client.folders, then createAgent({ letta: { folder_ids } })",
  },
  hooks: { status: "unsupported", reason: "Letta has no hooks", workaround: "wrap adapter methods" },
  planning: { status: "unsupported", reason: "Letta has no planning API", workaround: "keep a plan in a memory block" },
  models: {
    "multi-model": { status: "supported", limitations: ["each agent has its own model"] },
    "model-switch": {
      status: "supported",
      limitations: ["per turn through ExecuteRequest.model (Letta's override_model)"],
    },
    "model-list": {
      status: "unsupported",
      reason: "not part of this adapter yet",
      workaround: "use adapter.client.models.list",
    },
  },
};

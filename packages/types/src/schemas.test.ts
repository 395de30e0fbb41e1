import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { exampleEvents } from "./fixtures/example-events";
import * as contracts from "./index";
import {
  type Agent,
  AgentSchema,
  ApprovalDecisionSchema,
  type ApprovalResponse,
  ApprovalResponseSchema,
  CreateSessionRequestSchema,
  type Message,
  MessageSchema,
  type Session,
  SessionHistoryOptionsSchema,
  SessionSchema,
  ToolCallSchema,
  CAPABILITY_DOMAINS,
  CAPABILITY_VOCABULARY,
  type CapabilityManifest,
  CapabilityManifestSchema,
  type CreateMemoryBlock,
  CreateMemoryBlockSchema,
  type DomainCapability,
  DomainCapabilitySchema,
  EXECUTION_EVENT_TYPES,
  type ErrorPayload,
  ErrorPayloadSchema,
  ExecutionEventSchema,
  type ExecutionResult,
  ExecutionResultSchema,
  JsonObjectSchema,
  type MemoryBlock,
  MemoryBlockSchema,
  type MemoryBlockUpdate,
  MemoryBlockUpdateSchema,
  type OperationCapability,
  OperationCapabilitySchema,
  type Passage,
  PassageSchema,
  type PassageSearchResult,
  PassageSearchResultSchema,
  STOP_REASONS,
  StopReasonSchema,
  type Tool,
  type ToolCallRecord,
  ToolCallRecordSchema,
  ToolSchema,
  type Usage,
  UsageSchema,
} from "./index";

const usage: Usage = {
  input_tokens: 10,
  output_tokens: 5,
  total_tokens: 15,
  cached_input_tokens: 2,
  reasoning_tokens: 1,
};
const memoryBlock: MemoryBlock = { id: "block-1", label: "human", value: "Name: Alice", limit: 5000, read_only: false };
const tool: Tool = {
  id: "tool-1",
  name: "web_search",
  description: "Searches the web",
  source: "builtin",
  input_schema: { type: "object", properties: { query: { type: "string" } }, required: ["query"] },
};
const agent: Agent = {
  id: "agent-1",
  name: "my-assistant",
  model: "openai/gpt-4o-mini",
  memory_blocks: [memoryBlock],
  tools: [tool],
  tags: ["demo"],
  metadata: { team: "docs" },
  created_at: "2025-01-01T00:00:00Z",
};
const toolCall: ToolCallRecord = {
  id: "call-1",
  name: "web_search",
  input: { query: "x" },
  success: true,
  output: ["a"],
};
const result: ExecutionResult = {
  output: "Recursion is…",
  thinking: "Keep it short.",
  tool_calls: [toolCall],
  usage,
  stop_reason: "end_turn",
  raw_stop_reason: "end_turn",
  metadata: { run_id: "run-1" },
};
const operation: OperationCapability = { status: "unsupported", reason: "Not in Letta", workaround: "Register tools" };
const domain: DomainCapability = { supported: false, operations: { connect: operation } };
const manifest: CapabilityManifest = {
  harness_id: "letta",
  harness_name: "Letta",
  version: "0.1.0",
  capabilities: Object.fromEntries(
    CAPABILITY_DOMAINS.map((name) => [name, domain]),
  ) as CapabilityManifest["capabilities"],
};
const errorPayload: ErrorPayload = {
  code: "not_found",
  message: "Agent not found",
  domain: "agents",
  details: { id: "x" },
};
const passage: Passage = {
  id: "passage-1",
  text: "Alice likes tea",
  tags: ["prefs"],
  created_at: "2025-01-01T00:00:00Z",
};
const searchResult: PassageSearchResult = { ...passage, score: 0.9 };
const createBlock: CreateMemoryBlock = { label: "persona", value: "Helpful", limit: 100, description: "Who I am" };
const blockUpdate: MemoryBlockUpdate = { value: "Name: Alice\nPreferences: concise" };
const session: Session = {
  id: "conv-1",
  agent_id: "agent-1",
  name: "Support ✉",
  created_at: "2025-01-01T00:00:00Z",
  metadata: { channel: "web" },
};
const message: Message = {
  id: "message-2",
  role: "assistant",
  content: "Let me look that up.",
  thinking: "Search first.",
  tool_calls: [{ id: "call-1", name: "web_search", input: { query: "x" } }],
};
const approval: ApprovalResponse = {
  agent_id: "agent-1",
  session_id: "conv-1",
  approval_request_id: "message-approval-1",
  decisions: [
    { tool_call_id: "call-1", approve: true },
    { tool_call_id: "call-2", approve: false, reason: "not that address" },
  ],
};

const examples: [string, z.ZodType, unknown][] = [
  ["UsageSchema", UsageSchema, usage],
  ["StopReasonSchema", StopReasonSchema, "max_steps"],
  ["MemoryBlockSchema", MemoryBlockSchema, memoryBlock],
  ["CreateMemoryBlockSchema", CreateMemoryBlockSchema, createBlock],
  ["MemoryBlockUpdateSchema", MemoryBlockUpdateSchema, blockUpdate],
  ["ToolSchema", ToolSchema, tool],
  ["AgentSchema", AgentSchema, agent],
  ["ToolCallRecordSchema", ToolCallRecordSchema, toolCall],
  ["ExecutionResultSchema", ExecutionResultSchema, result],
  ["OperationCapabilitySchema", OperationCapabilitySchema, operation],
  ["DomainCapabilitySchema", DomainCapabilitySchema, domain],
  ["CapabilityManifestSchema", CapabilityManifestSchema, manifest],
  ["ErrorPayloadSchema", ErrorPayloadSchema, errorPayload],
  ["PassageSchema", PassageSchema, passage],
  ["PassageSearchResultSchema", PassageSearchResultSchema, searchResult],
  ["JsonObjectSchema", JsonObjectSchema, { any: ["json", 1, null] }],
  ["SessionSchema", SessionSchema, session],
  ["CreateSessionRequestSchema", CreateSessionRequestSchema, { name: "Support", metadata: { channel: "web" } }],
  ["SessionHistoryOptionsSchema", SessionHistoryOptionsSchema, { before: "message-9", limit: 20 }],
  ["MessageSchema", MessageSchema, message],
  ["ToolCallSchema", ToolCallSchema, { id: "call-1", name: "web_search", input: { query: "x" } }],
  ["ApprovalDecisionSchema", ApprovalDecisionSchema, { tool_call_id: "call-1", approve: false, reason: "no" }],
  ["ApprovalResponseSchema", ApprovalResponseSchema, approval],
  [
    "ExecutionResultSchema",
    ExecutionResultSchema,
    {
      ...result,
      stop_reason: "requires_approval",
      approval_request: { id: "message-approval-1", tool_calls: [{ id: "call-1", name: "send_email", input: {} }] },
      memory_updates: [
        { agent_id: "agent-1", label: "human", operation: "update", before: "a", after: "b", tool_call_id: "call-0" },
      ],
    },
  ],
  ...Object.values(exampleEvents).map((event): [string, z.ZodType, unknown] => [
    `ExecutionEventSchema (${event.type})`,
    ExecutionEventSchema,
    event,
  ]),
];

describe("every schema", () => {
  it.each(examples)("%s accepts its valid example and keeps every field", (_name, schema, example) => {
    expect(schema.parse(example)).toEqual(example);
  });

  it("has an example here (ExecuteRequest and CreateAgentRequest are covered by their own tests)", () => {
    const exported = Object.keys(contracts).filter((name) => name.endsWith("Schema"));
    const covered = new Set([
      ...examples.map(([name]) => name.split(" ")[0]),
      // The event types whose plain names are DOM globals carry an `Execution` prefix.
      ...Object.keys(exampleEvents).map((type) => {
        const name = `${type.replace(/(^|_)(\w)/g, (_m, _s, c: string) => c.toUpperCase())}EventSchema`;
        return ["text", "progress", "error"].includes(type) ? `Execution${name}` : name;
      }),
      "ExecuteRequestSchema",
      "CreateAgentRequestSchema",
    ]);
    expect(exported.filter((name) => !covered.has(name))).toEqual([]);
  });
});

describe("execution events", () => {
  it("EXECUTION_EVENT_TYPES lists every event type once", () => {
    expect([...EXECUTION_EVENT_TYPES].sort()).toEqual(Object.keys(exampleEvents).sort());
    expect(new Set(EXECUTION_EVENT_TYPES).size).toBe(EXECUTION_EVENT_TYPES.length);
  });

  it("thinking carries `thinking`, not the spec's `content`", () => {
    expect(ExecutionEventSchema.safeParse({ type: "thinking", content: "hmm" }).success).toBe(false);
  });

  it("rejects an unknown type", () => {
    expect(ExecutionEventSchema.safeParse({ type: "message", content: "hi" }).success).toBe(false);
  });

  it("done requires the three usage counters and a normalised stop reason", () => {
    const done = exampleEvents.done;
    expect(ExecutionEventSchema.safeParse({ ...done, usage: { input_tokens: 1, output_tokens: 1 } }).success).toBe(
      false,
    );
    expect(ExecutionEventSchema.safeParse({ ...done, stop_reason: "stop" }).success).toBe(false);
    for (const reason of STOP_REASONS)
      expect(ExecutionEventSchema.safeParse({ ...done, stop_reason: reason }).success).toBe(true);
  });
});

describe("ApprovalResponseSchema", () => {
  it("refuses a tool call decided twice, an empty decision list and unknown keys", () => {
    const twice = ApprovalResponseSchema.safeParse({
      ...approval,
      decisions: [approval.decisions[0], approval.decisions[0]],
    });
    expect(twice.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["decisions.1.tool_call_id", 'tool call "call-1" is decided twice'],
    ]);
    expect(ApprovalResponseSchema.safeParse({ ...approval, decisions: [] }).success).toBe(false);
    expect(ApprovalResponseSchema.safeParse({ ...approval, agentId: "x" }).success).toBe(false);
    expect(ApprovalDecisionSchema.safeParse({ tool_call_id: "c", approve: true, reason: "x" }).success).toBe(false);
  });
});

describe("CapabilityManifestSchema", () => {
  it("requires every domain of the vocabulary", () => {
    const { memory: _omitted, ...rest } = manifest.capabilities;
    const parsed = CapabilityManifestSchema.safeParse({ ...manifest, capabilities: rest });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join("."))).toEqual(["capabilities.memory"]);
    expect(CAPABILITY_DOMAINS).toEqual(Object.keys(CAPABILITY_VOCABULARY));
  });

  it("rejects a status outside supported / partial / unsupported", () => {
    expect(OperationCapabilitySchema.safeParse({ status: "maybe" }).success).toBe(false);
  });
});

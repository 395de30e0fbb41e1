// A complete OpenHarness adapter for an imaginary "echo agent" harness (echo-harness.ts) that lives
// in memory. Copy it as the template of your own adapter; in-memory-adapter.test.ts runs the
// conformance suite on it.
import {
  approvalDecisions,
  type CapabilityDeclarations,
  ConflictError,
  type ExecuteOptions,
  guardEventStream,
  HarnessAdapterBase,
  type HarnessEvent,
  type HarnessStreamMapper,
  NotFoundError,
  PendingApprovalError,
  UnsupportedFeatureError,
} from "@openharness/adapter-kit";
import {
  type Agent,
  type ApprovalResponse,
  ApprovalResponseSchema,
  type CapabilityDomain,
  type CreateAgentRequest,
  CreateAgentRequestSchema,
  CreateMemoryBlockSchema,
  CreateSessionRequestSchema,
  type ExecuteRequest,
  ExecuteRequestSchema,
  type ExecutionEvent,
  type JsonObject,
  type MemoryBlock,
  MemoryBlockUpdateSchema,
  type Message,
  type Session,
  SessionHistoryOptionsSchema,
  type Tool,
  type Usage,
} from "@openharness/types";
import * as z from "zod";
import { type EchoAgent, type EchoFrame, EchoHarness, EchoHarnessError, type EchoLine } from "./echo-harness.js";

const ECHO_TOOL: Tool = {
  id: "tool-echo",
  name: "echo",
  description: "Repeats its text.",
  source: "builtin",
  input_schema: { type: "object" },
};

// Fields of ExecuteRequest the echo harness cannot honour: rejected, never silently dropped.
const UNHONOURED: Partial<
  Record<keyof ExecuteRequest, { domain: CapabilityDomain; reason: string; workaround?: string }>
> = {
  system_prompt: { domain: "execution", reason: "the echo agent has no prompt" },
  model: { domain: "models", reason: "the echo agent has no model" },
  max_tokens: { domain: "execution", reason: "the echo agent has no model" },
  temperature: { domain: "execution", reason: "the echo agent has no model" },
  tools: { domain: "tools", reason: "the echo agent has one built-in tool" },
  skills: { domain: "skills", reason: "the echo agent has no skills" },
};
const AgentIdSchema = z.string().min(1, "required: every echo turn runs on an agent");
const PassageTextSchema = z.string().min(1);

/** The echo harness through the OpenHarness contract. */
export class InMemoryAdapter extends HarnessAdapterBase {
  readonly id = "in-memory";
  readonly name = "In-memory echo";
  readonly version = "1.0.0";
  readonly #harness = new EchoHarness();

  // Implemented methods are "supported" by construction; declare what has no method of its own,
  // and why (and what instead) for what is missing. Everything else is unsupported.
  protected declareCapabilities(): CapabilityDeclarations {
    return {
      execution: {
        thinking: { status: "supported" },
        "tool-calls": { status: "supported" },
        cancel: { status: "supported" },
      },
      memory: { "update-events": { status: "supported", limitations: ["only /remember changes memory"] } },
      sessions: { resume: { status: "supported" }, named: { status: "supported" } },
      tools: {
        client: { status: "unsupported", reason: "the echo agent only knows its own tool", workaround: "use /tool" },
      },
    };
  }

  override async createAgent(config: CreateAgentRequest): Promise<string> {
    // Validate before touching anything, so invalid input fails with InvalidRequestError.
    const valid = this.parse(CreateAgentRequestSchema, config, {
      operation: "agents.create",
      what: "CreateAgentRequest",
    });
    const id = this.#harness.newId("agent");
    const blocks = (valid.memory_blocks ?? []).map((block): [string, MemoryBlock] => [
      block.label,
      { ...block, id: this.#harness.newId("block") },
    ]);
    this.#harness.agents.set(id, {
      id,
      name: valid.name ?? id,
      blocks: new Map(blocks),
      passages: new Map(),
      lines: [],
    });
    return id;
  }

  override async getAgent(agentId: string): Promise<Agent> {
    return toAgent(this.#call(() => this.#harness.agent(agentId)));
  }

  override async listAgents(): Promise<Agent[]> {
    return [...this.#harness.agents.values()].map(toAgent);
  }

  override async deleteAgent(agentId: string): Promise<void> {
    this.#call(() => this.#harness.agent(agentId));
    this.#harness.agents.delete(agentId);
    for (const [id, conversation] of this.#harness.conversations)
      if (conversation.agentId === agentId) this.#harness.conversations.delete(id);
  }

  override async listTools(): Promise<Tool[]> {
    return [ECHO_TOOL];
  }

  // Validation throws here, before the stream exists: the caller gets the error, not an event.
  override executeStream(request: ExecuteRequest, options: ExecuteOptions = {}): AsyncIterable<ExecutionEvent> {
    const valid = this.parse(ExecuteRequestSchema, request, { operation: "execution.stream", what: "ExecuteRequest" });
    for (const [field, why] of Object.entries(UNHONOURED)) {
      if (why && valid[field as keyof ExecuteRequest] !== undefined)
        throw new UnsupportedFeatureError({ harness: this.name, operation: field, ...why });
    }
    if (options.clientTools?.length) throw this.capabilities.unsupportedError("tools", "client");
    const agentId = this.parse(AgentIdSchema, valid.agent_id, {
      operation: "execution.stream",
      what: "ExecuteRequest",
      field: "agent_id",
    });
    const lines = this.#call(() =>
      valid.session_id ? this.#session(valid.session_id, agentId).lines : this.#harness.agent(agentId).lines,
    );
    this.#call(() => this.#harness.assertIdle(agentId));
    const turn = this.#harness.turn(agentId, lines, valid.message);
    return this.#stream(this.#answered(agentId, turn, options), agentId, valid.message, options, valid.metadata);
  }

  override respondToApproval(response: ApprovalResponse, options: ExecuteOptions = {}): AsyncIterable<ExecutionEvent> {
    const valid = this.parse(ApprovalResponseSchema, response, {
      operation: "execution.approvals",
      what: "ApprovalResponse",
    });
    const calls = this.#harness.waiting(valid.approval_request_id, valid.agent_id);
    if (!calls)
      throw new NotFoundError({
        message: `No approval request "${valid.approval_request_id}" waits for agent "${valid.agent_id}".`,
        harness: this.name,
        resource: "approval_request",
        resourceId: valid.approval_request_id,
      });
    const pending = {
      id: valid.approval_request_id,
      tool_calls: calls.map((call) => ({ id: call.id, name: call.tool, input: JSON.parse(call.args) })),
    };
    const decisions = approvalDecisions(pending, { decisions: valid.decisions }, this.name);
    const turn = this.#harness.resume(
      pending.id,
      new Map(decisions.map((decision) => [decision.tool_call_id, decision])),
    );
    return this.#stream(this.#answered(valid.agent_id, turn, options), valid.agent_id, "", options);
  }

  override readonly memory = this.defineMemory({
    getBlocks: async (agentId) => [...this.#call(() => this.#harness.agent(agentId)).blocks.values()] as MemoryBlock[],
    getBlock: async (agentId, label) => this.#block(agentId, label),
    updateBlock: async (agentId, label, update) => {
      const change = this.parse(MemoryBlockUpdateSchema, typeof update === "string" ? { value: update } : update, {
        operation: "memory.blocks",
        field: "update",
      });
      const { blocks } = this.#call(() => this.#harness.agent(agentId));
      const updated = { ...this.#block(agentId, label), ...change };
      if (updated.label !== label && blocks.has(updated.label)) throw this.#taken(updated.label);
      blocks.delete(label);
      blocks.set(updated.label, updated);
      return updated;
    },
    addBlock: async (agentId, block) => {
      const valid = this.parse(CreateMemoryBlockSchema, block, { operation: "memory.blocks", field: "block" });
      const { blocks } = this.#call(() => this.#harness.agent(agentId));
      if (blocks.has(valid.label)) throw this.#taken(valid.label);
      const created = { ...valid, id: this.#harness.newId("block") };
      blocks.set(created.label, created);
      return created;
    },
    deleteBlock: async (agentId, label) => {
      this.#block(agentId, label);
      this.#call(() => this.#harness.agent(agentId)).blocks.delete(label);
    },
    insertPassage: async (agentId, text, options = {}) => {
      const valid = this.parse(PassageTextSchema, text, { operation: "memory.archive", field: "text" });
      const passage = { id: this.#harness.newId("passage"), text: valid, tags: options.tags ?? [] };
      this.#call(() => this.#harness.agent(agentId)).passages.set(passage.id, passage);
      return passage;
    },
    listPassages: async (agentId) => [...this.#call(() => this.#harness.agent(agentId)).passages.values()],
    searchPassages: async (agentId, query) => {
      const passages = [...this.#call(() => this.#harness.agent(agentId)).passages.values()];
      return passages.filter((passage) => passage.text.includes(query)).map((passage) => ({ ...passage, score: 1 }));
    },
    deletePassage: async (agentId, passageId) => {
      const { passages } = this.#call(() => this.#harness.agent(agentId));
      if (!passages.delete(passageId))
        throw new NotFoundError({
          message: `No passage "${passageId}".`,
          harness: this.name,
          resource: "passage",
          resourceId: passageId,
        });
    },
  });

  override readonly sessions = this.defineSessions({
    create: async (agentId, options = {}) => {
      const valid = this.parse(CreateSessionRequestSchema, options, { operation: "sessions.create", field: "options" });
      this.#call(() => this.#harness.agent(agentId));
      const id = this.#harness.newId("conversation");
      this.#harness.conversations.set(id, { id, agentId, lines: [] });
      this.#names.set(id, valid);
      return this.#toSession(id);
    },
    get: async (sessionId) => this.#toSession(this.#call(() => this.#harness.conversation(sessionId)).id),
    list: async (agentId) => {
      this.#call(() => this.#harness.agent(agentId));
      return [...this.#harness.conversations.values()]
        .filter((c) => c.agentId === agentId)
        .map((c) => this.#toSession(c.id));
    },
    delete: async (sessionId) => {
      this.#call(() => this.#harness.conversation(sessionId));
      this.#harness.conversations.delete(sessionId);
    },
    fork: async (sessionId) => {
      const origin = this.#call(() => this.#harness.conversation(sessionId));
      const id = this.#harness.newId("conversation");
      this.#harness.conversations.set(id, { id, agentId: origin.agentId, lines: [...origin.lines] });
      return this.#toSession(id);
    },
    history: async (sessionId, options = {}) => {
      const { before, after, limit } = this.parse(SessionHistoryOptionsSchema, options, {
        operation: "sessions.history",
        field: "options",
      });
      let lines = this.#call(() => this.#harness.conversation(sessionId)).lines;
      if (after) lines = lines.slice(lines.findIndex((line) => line.id === after) + 1);
      if (before)
        lines = lines.slice(
          0,
          Math.max(
            0,
            lines.findIndex((line) => line.id === before),
          ),
        );
      return lines.slice(limit === undefined ? 0 : -limit).map(toMessage);
    },
  });

  readonly #names = new Map<string, { name?: string; metadata?: JsonObject }>();

  #toSession(id: string): Session {
    const conversation = this.#harness.conversation(id);
    return { id, agent_id: conversation.agentId, ...this.#names.get(id) };
  }

  #session(sessionId: string, agentId: string) {
    const conversation = this.#harness.conversation(sessionId);
    if (conversation.agentId !== agentId)
      throw new EchoHarnessError("missing", `Agent "${agentId}" has no conversation "${sessionId}".`);
    return conversation;
  }

  /** The harness's frames, answering an approval request in the stream when `onApproval` is given. */
  async *#answered(
    agentId: string,
    frames: AsyncGenerator<EchoFrame>,
    options: ExecuteOptions,
  ): AsyncGenerator<EchoFrame> {
    for await (const frame of frames) {
      yield frame;
      if (frame.kind !== "ask" || !options.onApproval) continue;
      const pending = {
        id: frame.requestId,
        tool_calls: frame.calls.map((call) => ({ id: call.id, name: call.tool, input: JSON.parse(call.args) })),
      };
      const answer = await options.onApproval(pending, { signal: options.signal ?? new AbortController().signal });
      const decisions = approvalDecisions(pending, answer, this.name);
      yield* this.#answered(
        agentId,
        this.#harness.resume(frame.requestId, new Map(decisions.map((d) => [d.tool_call_id, d]))),
        options,
      );
    }
  }

  #stream(
    frames: AsyncIterable<EchoFrame>,
    agentId: string,
    message: string,
    options: ExecuteOptions,
    metadata?: JsonObject,
  ) {
    const tokens = message.split(/\s+/).filter(Boolean).length;
    const usage: Usage = { input_tokens: tokens, output_tokens: tokens, total_tokens: 2 * tokens };
    // The guard keeps the contract (one done, tool call order, abort) whatever the harness does.
    return guardEventStream(frames, {
      signal: options.signal,
      mapper: echoMapper(agentId, usage, options.includeThinking ?? true, metadata),
    });
  }

  #call<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof EchoHarnessError)) throw error;
      if (error.kind === "waiting")
        throw new PendingApprovalError({ message: error.message, harness: this.name, cause: error });
      throw new NotFoundError({ message: error.message, harness: this.name, resource: "agent", cause: error });
    }
  }

  #block(agentId: string, label: string): MemoryBlock {
    const block = this.#call(() => this.#harness.agent(agentId)).blocks.get(label);
    if (!block)
      throw new NotFoundError({
        message: `Agent "${agentId}" has no block "${label}".`,
        harness: this.name,
        resource: "memory_block",
        resourceId: label,
      });
    return block as MemoryBlock;
  }

  #taken = (label: string) =>
    new ConflictError({
      message: `A block "${label}" already exists.`,
      harness: this.name,
      hint: "update the block instead",
    });
}

const toAgent = (agent: EchoAgent): Agent => ({
  id: agent.id,
  name: agent.name,
  memory_blocks: [...agent.blocks.values()] as MemoryBlock[],
  tools: [ECHO_TOOL],
});
const toMessage = (line: EchoLine): Message => ({
  id: line.id,
  role: line.from === "user" ? "user" : "assistant",
  content: line.text,
});

/** The echo harness's frames → OpenHarness events: a small pure mapping, one frame at a time. */
function echoMapper(
  agentId: string,
  usage: Usage,
  includeThinking: boolean,
  metadata?: JsonObject,
): HarnessStreamMapper<EchoFrame> {
  let waiting = false;
  const started = new Set<string>();
  return {
    // `tool_call_end` may leave out the complete arguments: the guard fills them in from the deltas.
    push: (frame): HarnessEvent[] => {
      switch (frame.kind) {
        case "thought":
          return includeThinking ? [{ type: "thinking", thinking: frame.text }] : [];
        case "call":
          // A call answered in the same stream is announced again by the harness; it is still open.
          if (started.has(frame.id)) return [];
          started.add(frame.id);
          return [
            { type: "tool_call_start", id: frame.id, name: frame.tool, input: {} },
            { type: "tool_call_delta", id: frame.id, input_delta: { partial_json: frame.args } },
          ];
        case "result":
          return [
            frame.ok
              ? { type: "tool_result", id: frame.id, success: true, output: frame.text }
              : { type: "tool_result", id: frame.id, success: false, error: frame.text },
            { type: "tool_call_end", id: frame.id },
          ];
        case "ask":
          waiting = true;
          return [
            {
              type: "approval_request",
              id: frame.requestId,
              tool_calls: frame.calls.map((call) => ({ id: call.id, name: call.tool, input: JSON.parse(call.args) })),
            },
          ];
        case "memory":
          return [
            {
              type: "memory_update",
              agent_id: agentId,
              label: frame.label,
              operation: "update",
              before: frame.before,
              after: frame.after,
              tool_call_id: frame.callId,
            },
          ];
        case "say":
          waiting = false;
          return [{ type: "text", content: frame.text }];
      }
    },
    finish: () => [
      {
        type: "done",
        usage,
        stop_reason: waiting ? "requires_approval" : "end_turn",
        ...(metadata ? { metadata } : {}),
      },
    ],
    snapshot: () => ({ usage }),
  };
}

// A complete OpenHarness adapter for an imaginary "echo agent" harness that lives in memory.
// Copy it as the template of your own adapter; in-memory-adapter.test.ts runs the conformance suite on it.
import {
  type CapabilityDeclarations,
  ConflictError,
  type ExecuteOptions,
  guardEventStream,
  HarnessAdapterBase,
  type HarnessEvent,
  type HarnessStreamMapper,
  NotFoundError,
  UnsupportedFeatureError,
} from "@openharness/adapter-kit";
import {
  type Agent,
  type CapabilityDomain,
  type CreateAgentRequest,
  CreateAgentRequestSchema,
  CreateMemoryBlockSchema,
  type ExecuteRequest,
  ExecuteRequestSchema,
  type ExecutionEvent,
  type JsonObject,
  type MemoryBlock,
  MemoryBlockUpdateSchema,
  type Tool,
  type Usage,
} from "@openharness/types";

const ECHO_TOOL: Tool = { id: "tool-echo", name: "echo", description: "Repeats its text.", source: "builtin", input_schema: { type: "object" } };

// Fields of ExecuteRequest the echo harness cannot honour: rejected, never silently dropped.
const UNHONOURED: Partial<Record<keyof ExecuteRequest, { domain: CapabilityDomain; reason: string; workaround?: string }>> = {
  session_id: { domain: "sessions", reason: "each agent is one conversation", workaround: "create one agent per conversation" },
  system_prompt: { domain: "execution", reason: "the echo agent has no prompt" },
  model: { domain: "models", reason: "the echo agent has no model" },
  max_tokens: { domain: "execution", reason: "the echo agent has no model" },
  temperature: { domain: "execution", reason: "the echo agent has no model" },
  tools: { domain: "tools", reason: "the echo agent has one built-in tool" },
  skills: { domain: "skills", reason: "the echo agent has no skills" },
};

/** What the echo harness streams natively: one frame per step of its turn. */
type EchoFrame = { kind: "thought"; text: string } | { kind: "tool"; id: string; text: string } | { kind: "say"; text: string };

type StoredAgent = { agent: Agent; blocks: Map<string, MemoryBlock> };

/** The echo harness: answers every message with the message itself. */
export class InMemoryAdapter extends HarnessAdapterBase {
  readonly id = "in-memory";
  readonly name = "In-memory echo";
  readonly version = "1.0.0";
  readonly #agents = new Map<string, StoredAgent>();
  #counter = 0;

  // Implemented methods are "supported" by construction; declare what has no method of its own,
  // and why (and what instead) for what is missing. Everything else is unsupported.
  protected declareCapabilities(): CapabilityDeclarations {
    return {
      execution: { thinking: { status: "supported" }, "tool-calls": { status: "supported" }, cancel: { status: "supported" } },
      memory: { archive: { status: "unsupported", reason: "the echo harness keeps core memory only", workaround: "store text in a memory block" } },
      sessions: { status: "unsupported", reason: "each agent is one conversation", workaround: "create one agent per conversation" },
    };
  }

  override async createAgent(config: CreateAgentRequest): Promise<string> {
    // Validate before touching anything, so invalid input fails with InvalidRequestError.
    const valid = this.parse(CreateAgentRequestSchema, config, { operation: "agents.create", what: "CreateAgentRequest" });
    const id = `agent-${++this.#counter}`;
    const blocks = (valid.memory_blocks ?? []).map((block): [string, MemoryBlock] => [block.label, { ...block, id: `block-${++this.#counter}` }]);
    this.#agents.set(id, { agent: { id, name: valid.name ?? id, ...(valid.model ? { model: valid.model } : {}) }, blocks: new Map(blocks) });
    return id;
  }

  override async getAgent(agentId: string): Promise<Agent> {
    const { agent, blocks } = this.#find(agentId);
    return { ...agent, memory_blocks: [...blocks.values()], tools: [ECHO_TOOL] };
  }

  override async listAgents(): Promise<Agent[]> {
    return Promise.all([...this.#agents.keys()].map((id) => this.getAgent(id)));
  }

  override async deleteAgent(agentId: string): Promise<void> {
    this.#find(agentId);
    this.#agents.delete(agentId);
  }

  override async listTools(): Promise<Tool[]> {
    return [ECHO_TOOL];
  }

  // Validation throws here, before the stream exists: the caller gets the error, not an event.
  override executeStream(request: ExecuteRequest, options: ExecuteOptions = {}): AsyncIterable<ExecutionEvent> {
    const valid = this.parse(ExecuteRequestSchema, request, { operation: "execution.stream", what: "ExecuteRequest" });
    for (const [field, why] of Object.entries(UNHONOURED)) {
      if (why && valid[field as keyof ExecuteRequest] !== undefined) throw new UnsupportedFeatureError({ harness: this.name, operation: field, ...why });
    }
    if (valid.agent_id) this.#find(valid.agent_id);
    const tokens = valid.message.split(/\s+/).filter(Boolean).length;
    const usage: Usage = { input_tokens: tokens, output_tokens: tokens, total_tokens: 2 * tokens };
    // The guard keeps the contract (one done, tool call order, abort) whatever the harness does.
    return guardEventStream(this.#turn(valid.message), { signal: options.signal, mapper: echoMapper(usage, options.includeThinking ?? true, valid.metadata) });
  }

  override readonly memory = this.defineMemory({
    getBlocks: async (agentId) => [...this.#find(agentId).blocks.values()],
    getBlock: async (agentId, label) => this.#block(agentId, label),
    updateBlock: async (agentId, label, update) => {
      const change = this.parse(MemoryBlockUpdateSchema, typeof update === "string" ? { value: update } : update, { operation: "memory.blocks", field: "update" });
      const { blocks } = this.#find(agentId);
      const updated = { ...this.#block(agentId, label), ...change };
      if (updated.label !== label && blocks.has(updated.label)) throw this.#taken(updated.label);
      blocks.delete(label);
      blocks.set(updated.label, updated);
      return updated;
    },
    addBlock: async (agentId, block) => {
      const valid = this.parse(CreateMemoryBlockSchema, block, { operation: "memory.blocks", field: "block" });
      const { blocks } = this.#find(agentId);
      if (blocks.has(valid.label)) throw this.#taken(valid.label);
      const created = { ...valid, id: `block-${++this.#counter}` };
      blocks.set(created.label, created);
      return created;
    },
    deleteBlock: async (agentId, label) => {
      this.#block(agentId, label);
      this.#find(agentId).blocks.delete(label);
    },
  });

  // The harness's native stream.
  async *#turn(message: string): AsyncGenerator<EchoFrame> {
    yield { kind: "thought", text: `Echoing ${message.length} characters.` };
    if (message.startsWith("/tool")) yield { kind: "tool", id: `call-${++this.#counter}`, text: message.slice("/tool".length).trim() };
    yield { kind: "say", text: message };
  }

  #find(agentId: string): StoredAgent {
    const stored = this.#agents.get(agentId);
    if (!stored) throw new NotFoundError({ message: `No agent "${agentId}".`, harness: this.name, resource: "agent", resourceId: agentId });
    return stored;
  }

  #block(agentId: string, label: string): MemoryBlock {
    const block = this.#find(agentId).blocks.get(label);
    if (!block) throw new NotFoundError({ message: `Agent "${agentId}" has no block "${label}".`, harness: this.name, resource: "memory_block", resourceId: label });
    return block;
  }

  #taken = (label: string) => new ConflictError({ message: `A block "${label}" already exists.`, harness: this.name, hint: "update the block instead" });
}

/** The echo harness's frames → OpenHarness events: a small pure mapping, one frame at a time. */
function echoMapper(usage: Usage, includeThinking: boolean, metadata?: JsonObject): HarnessStreamMapper<EchoFrame> {
  return {
    // `tool_call_end` may leave out the complete arguments: the guard fills them in from the deltas.
    push: (frame): HarnessEvent[] => {
      switch (frame.kind) {
        case "thought":
          return includeThinking ? [{ type: "thinking", thinking: frame.text }] : [];
        case "tool":
          return [
            { type: "tool_call_start", id: frame.id, name: ECHO_TOOL.name, input: {} },
            { type: "tool_call_delta", id: frame.id, input_delta: { partial_json: JSON.stringify({ text: frame.text }) } },
            { type: "tool_result", id: frame.id, success: true, output: frame.text },
            { type: "tool_call_end", id: frame.id },
          ];
        case "say":
          return [{ type: "text", content: frame.text }];
      }
    },
    finish: () => [{ type: "done", usage, stop_reason: "end_turn", ...(metadata ? { metadata } : {}) }],
    snapshot: () => ({ usage }),
  };
}

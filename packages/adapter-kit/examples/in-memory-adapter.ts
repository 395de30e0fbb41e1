// A complete OpenHarness adapter for an imaginary "echo agent" harness that lives in memory.
// Outside this repository, import from "@openharness/adapter-kit" instead of "../src/index".
import {
  type Agent,
  type CreateAgentRequest,
  CreateAgentRequestSchema,
  CreateMemoryBlockSchema,
  type ExecuteRequest,
  ExecuteRequestSchema,
  type ExecutionEvent,
  type MemoryBlock,
  MemoryBlockUpdateSchema,
  type Tool,
  type Usage,
} from "@openharness/types";
import {
  type CapabilityDeclarations,
  ConflictError,
  type ExecuteOptions,
  guardEventStream,
  HarnessAdapterBase,
  InvalidRequestError,
  NotFoundError,
  parseInput,
} from "../src/index";

const ECHO_TOOL: Tool = { id: "tool-echo", name: "echo", description: "Repeats its text.", source: "builtin", input_schema: { type: "object" } };

// Fields of ExecuteRequest the echo harness cannot honour: rejected, never silently dropped.
const UNHONOURED = ["session_id", "system_prompt", "model", "max_tokens", "temperature", "tools", "skills"] as const;

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
    const valid = parseInput(CreateAgentRequestSchema, config, this.#where("CreateAgentRequest", "agents", "create"));
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

  // An async generator: validation errors reject the first read instead of becoming events.
  override async *executeStream(request: ExecuteRequest, options: ExecuteOptions = {}): AsyncGenerator<ExecutionEvent> {
    const valid = parseInput(ExecuteRequestSchema, request, this.#where("ExecuteRequest", "execution", "stream"));
    const issues = UNHONOURED.filter((field) => valid[field] !== undefined).map((path) => ({ path, message: "not supported by the echo harness" }));
    if (issues.length > 0) throw new InvalidRequestError({ what: "ExecuteRequest", issues, harness: this.name });
    if (valid.agent_id) this.#find(valid.agent_id);
    const tokens = valid.message.split(/\s+/).filter(Boolean).length;
    const usage: Usage = { input_tokens: tokens, output_tokens: tokens, total_tokens: 2 * tokens };
    // The guard keeps the contract (one done, tool call order, abort) whatever the source does.
    yield* guardEventStream(this.#echo(valid, options.includeThinking ?? true, usage), { signal: options.signal, snapshot: () => ({ usage }) });
  }

  override readonly memory = this.defineMemory({
    getBlocks: async (agentId) => [...this.#find(agentId).blocks.values()],
    getBlock: async (agentId, label) => this.#block(agentId, label),
    updateBlock: async (agentId, label, update) => {
      const change = parseInput(MemoryBlockUpdateSchema, typeof update === "string" ? { value: update } : update, this.#where("MemoryBlockUpdate", "memory", "blocks"));
      const { blocks } = this.#find(agentId);
      const updated = { ...this.#block(agentId, label), ...change };
      if (updated.label !== label && blocks.has(updated.label)) throw this.#taken(updated.label);
      blocks.delete(label);
      blocks.set(updated.label, updated);
      return updated;
    },
    addBlock: async (agentId, block) => {
      const valid = parseInput(CreateMemoryBlockSchema, block, this.#where("CreateMemoryBlock", "memory", "blocks"));
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

  // The harness's native behaviour, mapped to OpenHarness events.
  async *#echo(request: ExecuteRequest, includeThinking: boolean, usage: Usage): AsyncGenerator<ExecutionEvent> {
    if (includeThinking) yield { type: "thinking", thinking: `Echoing ${request.message.length} characters.` };
    if (request.message.startsWith("/tool")) {
      const text = request.message.slice("/tool".length).trim();
      const id = `call-${++this.#counter}`;
      yield { type: "tool_call_start", id, name: ECHO_TOOL.name, input: {} };
      yield { type: "tool_call_delta", id, input_delta: { partial_json: JSON.stringify({ text }) } };
      yield { type: "tool_result", id, success: true, output: text };
      yield { type: "tool_call_end", id };
    }
    yield { type: "text", content: request.message };
    yield { type: "done", usage, stop_reason: "end_turn", ...(request.metadata ? { metadata: request.metadata } : {}) };
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
  #where = (what: string, domain: string, operation: string) => ({ what, harness: this.name, domain, operation });
}

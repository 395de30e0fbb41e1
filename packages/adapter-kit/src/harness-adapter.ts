import type {
  Agent,
  ApprovalResponse,
  CreateSessionRequest,
  Message,
  CapabilityManifest,
  CreateAgentRequest,
  CreateMemoryBlock,
  ExecuteRequest,
  ExecutionEvent,
  ExecutionResult,
  JsonObject,
  MemoryBlock,
  MemoryBlockUpdate,
  Passage,
  PassageSearchResult,
  Session,
  SessionHistoryOptions,
  Tool,
} from "@openharness/types";
import type { CapabilityRegistry } from "./capability-registry";
import type { ExecuteOptions } from "./execute-options";

/**
 * A tool to register. Which fields a harness needs differs (Letta wants Python source); a field
 * the harness cannot honour is rejected with `UnsupportedFeatureError`, never dropped.
 */
export interface RegisterToolRequest {
  name?: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  input_schema?: JsonObject;
  source_code?: string;
  source_type?: string;
  /** Attach the new tool to this agent. */
  agent_id?: string;
}

/** Options of a tool listing. */
export interface ListToolsOptions {
  /** Only the tools attached to this agent (default: every tool the harness has). */
  agent_id?: string;
}

/** Options of an archival-memory listing. */
export interface ListPassagesOptions {
  limit?: number;
  /** Only passages whose text contains this. */
  search?: string;
  after?: string;
  before?: string;
  ascending?: boolean;
}

/** Options of a semantic search of archival memory. */
export interface SearchPassagesOptions {
  top_k?: number;
  tags?: string[];
}

/** Core memory (blocks, by label) and archival memory (passages) of an agent. */
export interface MemoryOperations {
  getBlocks(agentId: string): Promise<MemoryBlock[]>;
  /** Throws `NotFoundError` when the agent has no block with `label`. */
  getBlock(agentId: string, label: string): Promise<MemoryBlock>;
  /** A string replaces the value; an object changes the given fields. */
  updateBlock(agentId: string, label: string, update: string | MemoryBlockUpdate): Promise<MemoryBlock>;
  /** Refuses a label the agent already has. */
  addBlock(agentId: string, block: CreateMemoryBlock): Promise<MemoryBlock>;
  /** A missing label is an error, not a no-op. */
  deleteBlock(agentId: string, label: string): Promise<void>;
  insertPassage(agentId: string, text: string, options?: { tags?: string[] }): Promise<Passage>;
  listPassages(agentId: string, options?: ListPassagesOptions): Promise<Passage[]>;
  searchPassages(agentId: string, query: string, options?: SearchPassagesOptions): Promise<PassageSearchResult[]>;
  deletePassage(agentId: string, passageId: string): Promise<void>;
}

/**
 * Conversations with an agent: each keeps its own history and shares the agent's memory. Send a
 * turn to one with `ExecuteRequest.session_id`.
 */
export interface SessionOperations {
  create(agentId: string, options?: CreateSessionRequest): Promise<Session>;
  /** Throws `NotFoundError` for an unknown session. */
  get(sessionId: string): Promise<Session>;
  /** Every session of the agent, across all pages. */
  list(agentId: string): Promise<Session[]>;
  /** Deletes the session and its history; the agent and its memory stay. */
  delete(sessionId: string): Promise<void>;
  /** A new session that starts with a copy of this one's history. */
  fork(sessionId: string): Promise<Session>;
  /** The session's messages, oldest first. */
  history(sessionId: string, options?: SessionHistoryOptions): Promise<Message[]>;
}

/**
 * The contract every harness adapter fulfils. Every member exists; what a harness cannot do
 * throws `UnsupportedFeatureError`, as its capability manifest says. Domains the contract does
 * not type yet (mcp, skills, hooks, ...) have no members: the manifest reports them unsupported. Extend
 * {@link HarnessAdapterBase} to get that behaviour by construction.
 */
export interface HarnessAdapter {
  /** Stable id (`letta`). */
  readonly id: string;
  /** Display name (`Letta`). */
  readonly name: string;
  /** The adapter's version. */
  readonly version: string;
  /** What this adapter supports, queryable per domain and operation. */
  readonly capabilities: CapabilityRegistry;
  /** The same, as the serialisable OpenHarness manifest. */
  getCapabilityManifest(): CapabilityManifest;

  /** Creates an agent; returns its id. */
  createAgent(config: CreateAgentRequest): Promise<string>;
  getAgent(agentId: string): Promise<Agent>;
  /** Every agent, across all pages. */
  listAgents(): Promise<Agent[]>;
  updateAgent(agentId: string, changes: CreateAgentRequest): Promise<Agent>;
  /** Deletes the agent and its memory. */
  deleteAgent(agentId: string): Promise<void>;

  /** Runs one turn to its end. */
  execute(request: ExecuteRequest, options?: ExecuteOptions): Promise<ExecutionResult>;
  /** Runs one turn, streaming its events; the last is always exactly one `done`. */
  executeStream(request: ExecuteRequest, options?: ExecuteOptions): AsyncIterable<ExecutionEvent>;
  /**
   * Answers a pending approval request (a turn that ended with `stop_reason:
   * "requires_approval"`) and streams the turn's continuation, ending in one `done`.
   */
  respondToApproval(response: ApprovalResponse, options?: ExecuteOptions): AsyncIterable<ExecutionEvent>;

  listTools(options?: ListToolsOptions): Promise<Tool[]>;
  registerTool(request: RegisterToolRequest): Promise<Tool>;
  unregisterTool(toolId: string): Promise<void>;
  invokeTool(toolId: string, input: JsonObject): Promise<unknown>;

  readonly memory: MemoryOperations;

  readonly sessions: SessionOperations;
}

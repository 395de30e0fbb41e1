import type { CapabilityDomain, CapabilityOperation, ExecuteRequest, ExecutionEvent } from "@openharness/types";
import { errorFromEvent } from "@openharness/types/errors";
import type { HarnessAdapter } from "./harness-adapter";

type Callable = (...args: never[]) => unknown;
type Members = Exclude<keyof HarnessAdapter, "id" | "name" | "version" | "capabilities" | "getCapabilityManifest">;

/** Every operation method of {@link HarnessAdapter}, as a path: `createAgent`, `memory.getBlocks`, ... */
export type AdapterMethodPath = {
  [K in Members]: HarnessAdapter[K] extends Callable
    ? K
    : {
        [M in keyof HarnessAdapter[K] & string]: HarnessAdapter[K][M] extends Callable ? `${K}.${M}` : never;
      }[keyof HarnessAdapter[K] & string];
}[Members];

/** A vocabulary operation as one key: `memory.blocks`, `execution.stream`, ... */
export type OperationKey = { [D in CapabilityDomain]: `${D}.${CapabilityOperation<D>}` }[CapabilityDomain];

/** What placeholder calls are made with: an id that names nothing real, and a prompt. */
export interface Placeholders {
  missing: string;
  prompt: string;
}

/** One method called with placeholder arguments that touch nothing real (used to probe unsupported operations). */
export type PlaceholderCall = (adapter: HarnessAdapter, placeholders: Placeholders) => Promise<unknown>;

type RowOf<D extends CapabilityDomain> = {
  readonly domain: D;
  readonly operation: CapabilityOperation<D>;
  /**
   * The methods that carry the operation, each with its placeholder call. A row without methods
   * is a property of other calls (`execution.thinking`): only the adapter's declaration says it.
   */
  readonly methods?: { readonly [P in AdapterMethodPath]?: PlaceholderCall };
};

/** One row of {@link ADAPTER_OPERATIONS}: a vocabulary operation and the methods that carry it. */
export type OperationRow = { [D in CapabilityDomain]: RowOf<D> }[CapabilityDomain];

const request = ({ missing, prompt }: Placeholders): ExecuteRequest => ({ message: prompt, agent_id: missing });

/** Reads a stream to its end; an unsupported stream may report itself as an error event rather than a rejection. */
async function drain(events: AsyncIterable<ExecutionEvent>): Promise<void> {
  for await (const event of events) {
    if (event.type === "error" && event.code.toLowerCase() === "capability_not_supported") throw errorFromEvent(event);
  }
}

/**
 * The operations the contract types, one row each. The base class (unsupported defaults), the
 * manifest derivation and the conformance suite all read this table. An operation of the
 * vocabulary that has no row is one the contract has no method for yet: it can only be
 * unsupported.
 */
export const ADAPTER_OPERATIONS = [
  {
    domain: "agents",
    operation: "create",
    methods: { createAgent: (a, p) => a.createAgent({ name: `${p.missing}-agent` }) },
  },
  { domain: "agents", operation: "get", methods: { getAgent: (a, p) => a.getAgent(p.missing) } },
  { domain: "agents", operation: "list", methods: { listAgents: (a) => a.listAgents() } },
  {
    domain: "agents",
    operation: "update",
    methods: { updateAgent: (a, p) => a.updateAgent(p.missing, { description: "conformance" }) },
  },
  { domain: "agents", operation: "delete", methods: { deleteAgent: (a, p) => a.deleteAgent(p.missing) } },
  { domain: "execution", operation: "sync", methods: { execute: (a, p) => a.execute(request(p)) } },
  {
    domain: "execution",
    operation: "stream",
    methods: { executeStream: (a, p) => drain(a.executeStream(request(p))) },
  },
  { domain: "execution", operation: "cancel" },
  { domain: "execution", operation: "artifacts" },
  { domain: "execution", operation: "tool-calls" },
  { domain: "execution", operation: "thinking" },
  {
    domain: "execution",
    operation: "approvals",
    methods: {
      respondToApproval: (a, p) =>
        drain(
          a.respondToApproval({
            agent_id: p.missing,
            approval_request_id: p.missing,
            decisions: [{ tool_call_id: p.missing, approve: false }],
          }),
        ),
    },
  },
  {
    domain: "memory",
    operation: "blocks",
    methods: {
      "memory.getBlocks": (a, p) => a.memory.getBlocks(p.missing),
      "memory.getBlock": (a, p) => a.memory.getBlock(p.missing, "human"),
      "memory.updateBlock": (a, p) => a.memory.updateBlock(p.missing, "human", "conformance"),
      "memory.addBlock": (a, p) => a.memory.addBlock(p.missing, { label: "oh_conformance", value: "conformance" }),
      "memory.deleteBlock": (a, p) => a.memory.deleteBlock(p.missing, "oh_conformance"),
    },
  },
  {
    domain: "memory",
    operation: "archive",
    methods: {
      "memory.insertPassage": (a, p) => a.memory.insertPassage(p.missing, "conformance"),
      "memory.listPassages": (a, p) => a.memory.listPassages(p.missing),
      "memory.deletePassage": (a, p) => a.memory.deletePassage(p.missing, p.missing),
    },
  },
  {
    domain: "memory",
    operation: "search",
    methods: { "memory.searchPassages": (a, p) => a.memory.searchPassages(p.missing, "conformance") },
  },
  { domain: "memory", operation: "cross-session" },
  { domain: "memory", operation: "read-only" },
  { domain: "memory", operation: "update-events" },
  { domain: "tools", operation: "list", methods: { listTools: (a) => a.listTools() } },
  {
    domain: "tools",
    operation: "register",
    methods: { registerTool: (a) => a.registerTool({ name: "oh_conformance_tool", description: "conformance" }) },
  },
  { domain: "tools", operation: "unregister", methods: { unregisterTool: (a, p) => a.unregisterTool(p.missing) } },
  { domain: "tools", operation: "invoke", methods: { invokeTool: (a, p) => a.invokeTool(p.missing, {}) } },
  { domain: "tools", operation: "client" },
  { domain: "sessions", operation: "create", methods: { "sessions.create": (a, p) => a.sessions.create(p.missing) } },
  { domain: "sessions", operation: "get", methods: { "sessions.get": (a, p) => a.sessions.get(p.missing) } },
  { domain: "sessions", operation: "list", methods: { "sessions.list": (a, p) => a.sessions.list(p.missing) } },
  { domain: "sessions", operation: "resume" },
  { domain: "sessions", operation: "fork", methods: { "sessions.fork": (a, p) => a.sessions.fork(p.missing) } },
  {
    domain: "sessions",
    operation: "history",
    methods: { "sessions.history": (a, p) => a.sessions.history(p.missing) },
  },
  { domain: "sessions", operation: "named" },
  { domain: "sessions", operation: "delete", methods: { "sessions.delete": (a, p) => a.sessions.delete(p.missing) } },
  { domain: "models", operation: "multi-model" },
  { domain: "models", operation: "model-switch" },
] as const satisfies readonly OperationRow[];

/** The method paths {@link ADAPTER_OPERATIONS} covers (a type test proves it is all of them). */
export type CoveredMethodPath = (typeof ADAPTER_OPERATIONS)[number] extends infer Row
  ? Row extends { methods: infer M }
    ? keyof M
    : never
  : never;

/** The table's row for `domain.operation`, or undefined when the contract has none yet. */
export function operationRow(domain: CapabilityDomain, operation: string): OperationRow | undefined {
  return rowsByKey.get(`${domain}.${operation}`);
}

/** The row whose methods include `method`. */
export function rowOfMethod(method: AdapterMethodPath): OperationRow {
  const row = rowsByMethod.get(method);
  if (!row) throw new Error(`No operation carries the method ${method}.`);
  return row;
}

/** The method paths of `row`, in table order. */
export function methodsOf(row: OperationRow): AdapterMethodPath[] {
  return Object.keys(row.methods ?? {}) as AdapterMethodPath[];
}

const rows: readonly OperationRow[] = ADAPTER_OPERATIONS;
const rowsByKey = new Map(rows.map((row) => [`${row.domain}.${row.operation}`, row]));
const rowsByMethod = new Map(rows.flatMap((row) => methodsOf(row).map((method) => [method, row] as const)));

/** Every method path of the table, in table order. */
export const ADAPTER_METHODS: readonly AdapterMethodPath[] = [...rowsByMethod.keys()];

import { describe, expectTypeOf, test } from "vitest";
import type { AdapterMethodPath, CoveredMethodPath, OperationRow, PlaceholderCall } from "./adapter-operations";
import type { ExecutionEvent, Message, Session } from "@openharness/types";
import * as z from "zod";
import type { ClientTool, ExecuteOptions } from "./execute-options";
import type { HarnessAdapter, ListToolsOptions, RegisterToolRequest } from "./harness-adapter";

declare const call: PlaceholderCall;
declare const adapter: HarnessAdapter;

describe("the operation table", () => {
  test("has a row for every operation method of HarnessAdapter, and nothing else", () => {
    expectTypeOf<Exclude<AdapterMethodPath, CoveredMethodPath>>().toBeNever();
    expectTypeOf<Exclude<CoveredMethodPath, AdapterMethodPath>>().toBeNever();
    expectTypeOf<"createAgent" | "executeStream" | "memory.getBlocks">().toExtend<AdapterMethodPath>();
    expectTypeOf<"capabilities.get" | "getCapabilityManifest" | "memory">().not.toExtend<AdapterMethodPath>();
  });

  test("a misspelt method path, operation or domain does not typecheck", () => {
    // @ts-expect-error "memory.getBlokcs" is not a method of HarnessAdapter
    ({ domain: "memory", operation: "blocks", methods: { "memory.getBlokcs": call } }) satisfies OperationRow;
    // @ts-expect-error "blokcs" is not an operation of the memory domain
    ({ domain: "memory", operation: "blokcs" }) satisfies OperationRow;
    // @ts-expect-error "blocks" belongs to memory, not agents
    ({ domain: "agents", operation: "blocks" }) satisfies OperationRow;
    // @ts-expect-error a method path names a method, not a group
    ({ domain: "memory", operation: "blocks", methods: { memory: call } }) satisfies OperationRow;
    ({ domain: "memory", operation: "blocks", methods: { "memory.getBlocks": call } }) satisfies OperationRow;
  });
});

describe("HarnessAdapter", () => {
  test("domains the contract does not type are not callable at all", () => {
    // @ts-expect-error hooks is not in the contract yet
    adapter.hooks.preTool(1, 2, 3);
    // @ts-expect-error mcp is not in the contract yet
    adapter.mcp.connect();
  });

  test("tool registration and listing are typed, with wire (snake_case) option names", () => {
    // @ts-expect-error a tool's name is a string
    adapter.registerTool({ name: 1 });
    // @ts-expect-error the option is agent_id, the wire name
    adapter.listTools({ agentId: "agent-1" });
    adapter.listTools({ agent_id: "agent-1" });
    adapter.registerTool({ name: "roll_dice", agent_id: "agent-1" });
    expectTypeOf(adapter.registerTool).parameter(0).toEqualTypeOf<RegisterToolRequest>();
    expectTypeOf(adapter.listTools).parameter(0).toEqualTypeOf<ListToolsOptions | undefined>();
  });

  test("sessions are typed: agent ids and options, not anything", () => {
    // @ts-expect-error sessions.create takes the agent's id first
    adapter.sessions.create({ anything: true });
    // @ts-expect-error history options are before, after and limit
    adapter.sessions.history("conv-1", { limit: "ten" });
    // @ts-expect-error the session id is a string
    adapter.sessions.get(1);
    expectTypeOf(adapter.sessions.create("agent-1", { name: "Support" })).resolves.toEqualTypeOf<Session>();
    expectTypeOf(adapter.sessions.history("conv-1", { before: "m-9", limit: 10 })).resolves.toEqualTypeOf<Message[]>();
  });

  test("approvals: respondToApproval takes wire names, onApproval answers per request or per call", () => {
    // @ts-expect-error the wire names are agent_id and approval_request_id
    adapter.respondToApproval({ agentId: "a", approvalRequestId: "r", decisions: [] });
    expectTypeOf(
      adapter.respondToApproval({
        agent_id: "a",
        approval_request_id: "r",
        decisions: [{ tool_call_id: "c", approve: true }],
      }),
    ).toEqualTypeOf<AsyncIterable<ExecutionEvent>>();
    const whole: ExecuteOptions["onApproval"] = () => ({ approve: false, reason: "not now" });
    const perCall: ExecuteOptions["onApproval"] = async (request) => ({
      decisions: request.tool_calls.map((call) => ({ tool_call_id: call.id, approve: true as const })),
    });
    // @ts-expect-error an answer approves, denies or decides per call
    const vague: ExecuteOptions["onApproval"] = () => ({ maybe: true });
    expectTypeOf([whole, perCall, vague]).items.toEqualTypeOf<ExecuteOptions["onApproval"]>();
  });

  test("client tools take a JSON Schema or a zod schema, and execute receives the parsed input", () => {
    const typed: ClientTool<{ city: string }> = {
      name: "weather",
      input_schema: z.object({ city: z.string() }),
      execute: (input, { signal }) => `${input.city} ${signal.aborted}`,
    };
    const plain: ClientTool = { name: "now", input_schema: { type: "object" }, execute: () => Date.now() };
    // @ts-expect-error input_schema is required: the harness must know the arguments
    const none: ClientTool = { name: "now", execute: () => Date.now() };
    adapter.executeStream({ message: "hi" }, { clientTools: [typed, plain, none] });
  });

  test("memory methods take their documented arguments", () => {
    // @ts-expect-error the label is a string
    adapter.memory.getBlock("agent-1", 2);
    // @ts-expect-error a memory block needs a label
    adapter.memory.addBlock("agent-1", { value: "x" });
  });
});

import { describe, expectTypeOf, test } from "vitest";
import type { AdapterMethodPath, CoveredMethodPath, OperationRow, PlaceholderCall } from "./adapter-operations";
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

  test("memory methods take their documented arguments", () => {
    // @ts-expect-error the label is a string
    adapter.memory.getBlock("agent-1", 2);
    // @ts-expect-error a memory block needs a label
    adapter.memory.addBlock("agent-1", { value: "x" });
  });
});

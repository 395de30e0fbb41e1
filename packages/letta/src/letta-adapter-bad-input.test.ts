import { OpenHarnessError } from "@openharness/adapter-kit";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { useLettaEmulator } from "../test/support/emulator-fixture";
import type { LettaAdapter } from "./letta-adapter";

const { emulator, newAdapter } = useLettaEmulator();

/** Adversarial values: wrong types, empty and huge strings, odd objects, prototype keys. */
const adversarial = fc.oneof(
  fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withNullPrototype: true }),
  fc.constantFrom(
    "",
    " ",
    "agent-",
    "../../v1/agents",
    "agent-00000000-0000-4000-8000-000000000000\n",
    "__proto__",
    "x".repeat(200_001),
  ),
  fc.record({ __proto__: fc.string(), constructor: fc.anything() }, { requiredKeys: [] }),
);

/** Every public method, called with the given arguments. */
function calls(adapter: LettaAdapter, agentId: string, a: unknown, b: unknown, c: unknown): [string, () => unknown][] {
  const any = (value: unknown) => value as never;
  return [
    ["createAgent", () => adapter.createAgent(any(a))],
    ["getAgent", () => adapter.getAgent(any(a))],
    ["updateAgent", () => adapter.updateAgent(agentId, any(a))],
    ["deleteAgent", () => adapter.deleteAgent(any(a))],
    ["execute", () => adapter.execute(any(a), any(b))],
    ["execute(agent)", () => adapter.execute({ message: "hi", agent_id: agentId, ...(a as object) }, any(b))],
    [
      "executeStream",
      async () => {
        for await (const _ of adapter.executeStream(any(a), any(b))) {
          // drain
        }
      },
    ],
    ["listTools", () => adapter.listTools(any(a))],
    ["registerTool", () => adapter.registerTool(any(a))],
    ["unregisterTool", () => adapter.unregisterTool(any(a))],
    ["memory.getBlocks", () => adapter.memory.getBlocks(any(a))],
    ["memory.getBlock", () => adapter.memory.getBlock(agentId, any(a))],
    ["memory.updateBlock", () => adapter.memory.updateBlock(agentId, any(a), any(b))],
    ["memory.addBlock", () => adapter.memory.addBlock(agentId, any(a))],
    ["memory.deleteBlock", () => adapter.memory.deleteBlock(any(a), any(b))],
    ["memory.insertPassage", () => adapter.memory.insertPassage(agentId, any(a), any(b))],
    ["memory.listPassages", () => adapter.memory.listPassages(agentId, any(a))],
    ["memory.searchPassages", () => adapter.memory.searchPassages(agentId, any(a), any(b))],
    ["memory.deletePassage", () => adapter.memory.deletePassage(any(c), any(a))],
  ];
}

describe("bad input, at random", () => {
  it("every method either succeeds or throws a typed OpenHarness error; invalid input sends nothing", {
    timeout: 120_000,
  }, async () => {
    const adapter = newAdapter();
    const agentId = await adapter.createAgent({ name: "target" });
    await fc.assert(
      fc.asyncProperty(adversarial, adversarial, adversarial, async (a, b, c) => {
        for (const [name, call] of calls(adapter, agentId, a, b, c)) {
          const before = emulator.requests.length;
          try {
            await call();
          } catch (error) {
            expect(OpenHarnessError.isInstance(error), `${name}: ${String(error)}`).toBe(true);
            if ((error as OpenHarnessError).code === "invalid_request") {
              expect(emulator.requests.length, `${name} sent a request with invalid input`).toBe(before);
            }
          }
        }
      }),
      { numRuns: 40, seed: 20261123 },
    );
    // The contract check (setup file) fails this test if any request that was sent broke Letta's OpenAPI spec.
  });
});

import {
  type Agent,
  CAPABILITY_VOCABULARY,
  CapabilityManifestSchema,
  CreateMemoryBlockSchema,
  type ExecuteRequest,
  type ExecutionEvent,
  type MemoryBlock,
} from "@openharness/types";
import { describe, expect, it } from "vitest";
import { ADAPTER_OPERATIONS, type OperationRow } from "./adapter-operations";
import type { CapabilityDeclarations } from "./capability-registry";
import { InvalidRequestError, NotFoundError, UnsupportedFeatureError } from "@openharness/types/errors";
import { guardEventStream } from "./guard-event-stream";
import type { HarnessAdapter } from "./harness-adapter";
import { HarnessAdapterBase } from "./harness-adapter-base";

async function drain(events: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of events) {
    // reading is enough: an unsupported stream rejects on the first read
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

class Adapter extends HarnessAdapterBase {
  readonly id = "test";
  readonly name = "Test Harness";
  readonly version = "0.0.1";
  constructor(private readonly declarations: CapabilityDeclarations = {}) {
    super();
  }
  protected declareCapabilities(): CapabilityDeclarations {
    return this.declarations;
  }
}

const explained = { status: "unsupported" as const, reason: "Not in Test Harness", workaround: "Use another harness" };
const everyDomainExplained = Object.fromEntries(
  Object.keys(CAPABILITY_VOCABULARY).map((domain) => [domain, explained]),
) as CapabilityDeclarations;

describe("HarnessAdapterBase with nothing implemented", () => {
  const adapter = new Adapter(everyDomainExplained);

  it("reports every operation unsupported, in a valid manifest", () => {
    expect(adapter.capabilities.list().every((row) => row.status === "unsupported")).toBe(true);
    const manifest = adapter.getCapabilityManifest();
    expect(CapabilityManifestSchema.safeParse(manifest).success).toBe(true);
    expect(Object.values(manifest.capabilities).every((domain) => !domain.supported)).toBe(true);
    expect(manifest).toMatchObject({ harness_id: "test", harness_name: "Test Harness", version: "0.0.1" });
  });

  const rows: readonly OperationRow[] = ADAPTER_OPERATIONS;
  const methods = rows.flatMap((row) =>
    Object.entries(row.methods ?? {}).map(([method, call]) => ({
      domain: row.domain,
      operation: row.operation,
      method,
      call,
    })),
  );

  it.each(methods)(
    "$method rejects with UnsupportedFeatureError for $domain.$operation",
    async ({ domain, operation, call }) => {
      const error = await rejection(call(adapter, { missing: "agent-1", prompt: "hi" }));
      expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        domain,
        operation,
        reason: "Not in Test Harness",
        workaround: "Use another harness",
      });
      const message = (error as Error).message;
      for (const part of ["Test Harness", `${domain}.${operation}`, "Not in Test Harness", "Use another harness"]) {
        expect(message).toContain(part);
      }
    },
  );

  it("gives a default reason when none is declared", async () => {
    const error = await rejection(new Adapter().listTools());
    expect((error as Error).message).toBe(
      "Test Harness does not support tools.list: the Test Harness adapter does not implement it.",
    );
  });
});

describe("HarnessAdapterBase consistency between declarations and implementation", () => {
  it("throws when an operation is declared supported but not implemented", () => {
    const adapter = new Adapter({ memory: { blocks: { status: "supported" } } });
    expect(() => adapter.capabilities).toThrow(
      /declares memory.blocks "supported" but implements none of memory.getBlocks/,
    );
    expect(() => adapter.getCapabilityManifest()).toThrow(/memory.blocks/);
  });

  it("rejects (not throws synchronously) from methods when the declarations are inconsistent", async () => {
    const adapter = new Adapter({ agents: { status: "supported" } });
    const pending = adapter.listTools();
    await expect(pending).rejects.toThrow(/declares agents.create "supported"/);
  });

  it("throws when an implemented operation is declared unsupported", () => {
    class Lying extends Adapter {
      override async listTools() {
        return [];
      }
    }
    expect(() => new Lying({ tools: { list: { status: "unsupported" } } }).capabilities).toThrow(
      /declares tools.list "unsupported" but implements listTools/,
    );
  });

  it("throws on declarations outside the vocabulary or mixing domain-wide fields with operations", () => {
    expect(() => new Adapter({ telepathy: explained } as CapabilityDeclarations).capabilities).toThrow(
      /unknown domain "telepathy"/,
    );
    expect(
      () => new Adapter({ memory: { blockz: { status: "unsupported" } } } as CapabilityDeclarations).capabilities,
    ).toThrow(/unknown operation "memory.blockz"/);
    expect(
      () => new Adapter({ memory: { status: "unsupported", blocks: {} } } as CapabilityDeclarations).capabilities,
    ).toThrow(/mixes/);
  });

  it("trusts declarations of operations that have no method (like execution.thinking)", () => {
    const adapter = new Adapter({
      execution: { thinking: { status: "supported" } },
      memory: { "cross-session": { status: "partial", limitations: ["per agent"] } },
    });
    expect(adapter.capabilities.get("execution", "thinking").status).toBe("supported");
    expect(adapter.capabilities.get("memory", "cross-session")).toEqual({
      status: "partial",
      limitations: ["per agent"],
    });
  });
});

describe("HarnessAdapterBase partial memory", () => {
  const block: MemoryBlock = { label: "human", value: "Name: Alice" };
  class PartialMemory extends Adapter {
    override readonly memory = this.defineMemory({ getBlocks: async () => [block] });
  }

  it("reports blocks partial with the missing methods as a limitation", () => {
    const entry = new PartialMemory().capabilities.get("memory", "blocks");
    expect(entry.status).toBe("partial");
    expect(entry.limitations).toEqual([
      "not implemented: memory.getBlock, memory.updateBlock, memory.addBlock, memory.deleteBlock",
    ]);
    expect(new PartialMemory().capabilities.get("memory", "archive").status).toBe("unsupported");
  });

  it("runs the implemented method and rejects the missing ones naming the method", async () => {
    const adapter = new PartialMemory();
    await expect(adapter.memory.getBlocks("a")).resolves.toEqual([block]);
    const error = await rejection(adapter.memory.updateBlock("a", "human", "x"));
    expect(UnsupportedFeatureError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ domain: "memory", operation: "blocks" });
    expect((error as Error).message).toContain("memory.updateBlock");
    const archive = await rejection(adapter.memory.insertPassage("a", "text"));
    expect(archive).toMatchObject({ domain: "memory", operation: "archive" });
  });

  it("keeps declared limitations and refuses a 'supported' claim", () => {
    class Declared extends PartialMemory {
      protected override declareCapabilities(): CapabilityDeclarations {
        return { memory: { blocks: { status: "partial", limitations: ["no read-only blocks"] } } };
      }
    }
    expect(new Declared().capabilities.get("memory", "blocks").limitations).toEqual([
      "no read-only blocks",
      "not implemented: memory.getBlock, memory.updateBlock, memory.addBlock, memory.deleteBlock",
    ]);
    expect(() => new PartialMemory({ memory: { blocks: { status: "supported" } } }).capabilities).toThrow(
      /does not implement memory.getBlock/,
    );
  });

  it("takes a hand-written memory object's functions as implementations", () => {
    class HandWritten extends Adapter {
      override readonly memory = { getBlocks: async () => [block] } as unknown as HarnessAdapter["memory"];
    }
    expect(new HandWritten().capabilities.get("memory", "blocks").status).toBe("partial");
  });
});

describe("HarnessAdapterBase execution", () => {
  class Streaming extends Adapter {
    requests: ExecuteRequest[] = [];
    override async *executeStream(request: ExecuteRequest): AsyncGenerator<ExecutionEvent> {
      this.requests.push(request);
      yield { type: "text", content: "Hello, " };
      yield { type: "text", content: request.message };
      yield { type: "done", usage: { input_tokens: 2, output_tokens: 3, total_tokens: 5 }, stop_reason: "end_turn" };
    }
  }

  it("derives execute from executeStream", async () => {
    const adapter = new Streaming();
    expect(adapter.capabilities.get("execution", "sync").status).toBe("supported");
    expect(adapter.capabilities.get("execution", "stream").status).toBe("supported");
    const result = await adapter.execute({ message: "Alice" });
    expect(result).toMatchObject({ output: "Hello, Alice", stop_reason: "end_turn", usage: { total_tokens: 5 } });
    expect(adapter.requests).toEqual([{ message: "Alice" }]);
  });

  it("rejects (not throws) from execute when executeStream throws on call", async () => {
    class Eager extends Adapter {
      override executeStream(): AsyncIterable<ExecutionEvent> {
        throw new Error("invalid input");
      }
    }
    let pending: Promise<unknown> | undefined;
    expect(() => {
      pending = new Eager().execute({ message: "" });
    }).not.toThrow();
    await expect(pending).rejects.toThrow("invalid input");
  });

  it("reports only sync when only execute is implemented", async () => {
    class SyncOnly extends Adapter {
      override async execute() {
        return {
          output: "ok",
          tool_calls: [],
          usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
          stop_reason: "end_turn" as const,
          metadata: {},
        };
      }
    }
    const adapter = new SyncOnly();
    expect(adapter.capabilities.get("execution", "sync").status).toBe("supported");
    expect(adapter.capabilities.get("execution", "stream").status).toBe("unsupported");
    await expect(drain(adapter.executeStream({ message: "hi" }))).rejects.toMatchObject({
      code: "capability_not_supported",
      operation: "stream",
    });
  });

  it("rejects execute with the very error the stream's source threw, cause intact", async () => {
    const cause = new TypeError("socket hang up");
    const thrown = new NotFoundError({ message: "No agent a-1.", resource: "agent", resourceId: "a-1", cause });
    class Failing extends Adapter {
      override executeStream(): AsyncIterable<ExecutionEvent> {
        async function* source(): AsyncGenerator<ExecutionEvent> {
          yield { type: "text", content: "so far" };
          throw thrown;
        }
        return guardEventStream(source());
      }
    }
    const error = await rejection(new Failing().execute({ message: "hi" }));
    expect(error).toBe(thrown);
    expect((error as NotFoundError).cause).toBe(cause);
    expect((error as NotFoundError).partial).toMatchObject({ output: "so far", stop_reason: "error" });
  });
});

describe("HarnessAdapterBase domain-wide declarations", () => {
  it("applies one reason and workaround to every operation of the domain", async () => {
    const adapter = new Adapter({
      sessions: {
        status: "unsupported",
        reason: "Agents maintain state",
        workaround: "Use agents for persistent conversations",
      },
    });
    for (const operation of CAPABILITY_VOCABULARY.sessions) {
      expect(adapter.capabilities.get("sessions", operation)).toEqual({
        status: "unsupported",
        reason: "Agents maintain state",
        workaround: "Use agents for persistent conversations",
      });
    }
  });

  it("refuses a domain-wide 'supported' when an operation with methods is not implemented", () => {
    class OnlyGet extends Adapter {
      override async getAgent(): Promise<Agent> {
        return { id: "a", name: "a" };
      }
    }
    expect(() => new OnlyGet({ agents: { status: "supported" } }).capabilities).toThrow(
      /agents.create "supported" but implements none of createAgent/,
    );
  });
});

describe("HarnessAdapterBase untyped domains", () => {
  it("has no members for the domains the contract does not type, and reports them unsupported", () => {
    const adapter = new Adapter({
      mcp: { status: "unsupported", reason: "no MCP here", workaround: "register tools" },
    });
    for (const domain of ["mcp", "skills", "subagents", "files", "hooks", "planning"])
      expect(adapter).not.toHaveProperty(domain);
    expect(adapter.capabilities.get("mcp", "connect")).toEqual({
      status: "unsupported",
      reason: "no MCP here",
      workaround: "register tools",
    });
    expect(adapter.capabilities.get("hooks", "pre-tool")).toEqual({
      status: "unsupported",
      reason: "the Test Harness adapter does not implement it",
    });
  });

  it("refuses a claim of support for an operation the contract has no method for", () => {
    expect(() => new Adapter({ hooks: { status: "supported" } }).capabilities).toThrow(
      'The Test Harness adapter declares hooks.pre-tool "supported" but the OpenHarness contract has no method for it yet.',
    );
    expect(() => new Adapter({ agents: { clone: { status: "partial" } } }).capabilities).toThrow(
      /agents.clone "partial"/,
    );
  });
});

describe("HarnessAdapterBase.parse", () => {
  class Parsing extends Adapter {
    check(input: unknown, field?: string) {
      return this.parse(CreateMemoryBlockSchema, input, {
        operation: "memory.blocks",
        what: "memory block",
        ...(field ? { field } : {}),
      });
    }
  }

  it("returns the parsed input", () => {
    expect(new Parsing().check({ label: "human", value: "Alice" })).toEqual({ label: "human", value: "Alice" });
  });

  it("throws InvalidRequestError naming the harness, the operation and the field", () => {
    const error = (() => {
      try {
        new Parsing().check({ label: 1, value: "x" }, "block");
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      harness: "Test Harness",
      domain: "memory",
      operation: "blocks",
      issues: [{ path: "block.label" }],
    });
    expect((error as Error).message).toMatch(/^Invalid memory block: block\.label: /);
  });

  it("names a single argument itself when the whole input is wrong", () => {
    expect(() => new Parsing().check("not an object", "block")).toThrow(/^Invalid memory block: block: /);
  });
});

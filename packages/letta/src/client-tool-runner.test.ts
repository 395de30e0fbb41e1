import { CancelledError, InvalidRequestError } from "@openharness/adapter-kit";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { ClientToolRunner } from "./client-tool-runner";

const signal = () => new AbortController().signal;

describe("ClientToolRunner", () => {
  it("declares zod and JSON Schema tools as Letta client_tools (no $schema dialect key)", () => {
    const runner = new ClientToolRunner([
      {
        name: "add",
        description: "Adds.",
        input_schema: z.object({ a: z.number(), b: z.number() }),
        execute: ({ a, b }: { a: number; b: number }) => a + b,
      },
      {
        name: "echo",
        input_schema: { type: "object", properties: { text: { type: "string" } } },
        execute: (input) => input,
      },
    ]);
    expect(runner.declarations).toEqual([
      {
        name: "add",
        description: "Adds.",
        parameters: {
          type: "object",
          properties: { a: { type: "number" }, b: { type: "number" } },
          required: ["a", "b"],
        },
      },
      { name: "echo", parameters: { type: "object", properties: { text: { type: "string" } } } },
    ]);
    expect(runner.has("add") && !runner.has("sub")).toBe(true);
  });

  it("takes a zod schema from the caller's own copy of zod, with the descriptions that copy holds", async () => {
    // The published dist carries its own zod: the caller's schemas come from another copy, whose
    // registry (not this one's) holds their descriptions; only the schema's own method can read it.
    const own = z.object({ city: z.string() });
    const described = z.object({ city: z.string().describe("The city to look up") });
    const fromOtherCopy = {
      _zod: own._zod,
      safeParse: (value: unknown) => own.safeParse(value),
      toJSONSchema: (params: object) => described.toJSONSchema(params),
    };
    const runner = new ClientToolRunner([
      {
        name: "weather",
        input_schema: fromOtherCopy as unknown as typeof own,
        execute: ({ city }: { city: string }) => `sunny in ${city}`,
      },
    ]);
    expect(runner.declarations[0]?.parameters).toEqual({
      type: "object",
      properties: { city: { type: "string", description: "The city to look up" } },
      required: ["city"],
    });
    expect(await runner.run("weather", { city: "Oslo" }, signal())).toEqual({
      status: "success",
      tool_return: "sunny in Oslo",
    });
    expect((await runner.run("weather", { city: 7 }, signal())).status).toBe("error");
  });

  it("returns strings as they are and anything else as JSON; a zod tool gets the parsed output", async () => {
    const runner = new ClientToolRunner([
      {
        name: "add",
        input_schema: z.object({ a: z.coerce.number(), b: z.number() }),
        execute: ({ a, b }: { a: number; b: number }) => ({ sum: a + b }),
      },
      { name: "nothing", input_schema: {}, execute: () => undefined },
    ]);
    expect(await runner.run("add", { a: "2", b: 3 }, signal())).toEqual({
      status: "success",
      tool_return: '{"sum":5}',
    });
    expect(await runner.run("nothing", {}, signal())).toEqual({ status: "success", tool_return: "" });
    expect(await runner.run("missing", {}, signal())).toEqual({
      status: "error",
      tool_return: 'Error: no client tool named "missing" in this turn.',
    });
  });

  it("rejects with CancelledError when the signal aborts, even if the tool ignores it", async () => {
    const controller = new AbortController();
    const runner = new ClientToolRunner([{ name: "deaf", input_schema: {}, execute: () => new Promise(() => {}) }]);
    const running = runner.run("deaf", {}, controller.signal);
    controller.abort();
    await expect(running).rejects.toSatisfy((error: unknown) => CancelledError.isInstance(error));
  });

  it("refuses a schema it cannot use, and a name given twice", () => {
    const attempt = () =>
      new ClientToolRunner([
        { name: "a", input_schema: { type: "object", properties: { x: { $ref: "#/nowhere" } } }, execute: () => "" },
        { name: "b", input_schema: {}, execute: () => "" },
        { name: "b", input_schema: {}, execute: () => "" },
      ]);
    expect(attempt).toThrow(InvalidRequestError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidRequestError).issues.map((issue) => issue.path)).toEqual([
        "clientTools[0].input_schema",
        "clientTools[2].name",
      ]);
    }
  });
});

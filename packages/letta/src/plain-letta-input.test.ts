import { ExecuteRequestSchema } from "@openharness/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LettaExecuteOptionsSchema } from "./letta-input-schemas";
import { plainExecuteOptions, plainExecuteRequest } from "./plain-letta-input";

const AGENT = "agent-7c0e1a52-3f4b-4c1d-9e2a-5b6c7d8e9f01";

/** Keys a request or options object might carry: the schemas' own, and some that are not. */
const anyKey = fc.constantFrom(
  "message",
  "agent_id",
  "session_id",
  "model",
  "metadata",
  "signal",
  "includeThinking",
  "streamTokens",
  "stream",
  "memoryEvents",
  "maxSteps",
  "onApproval",
  "constructor",
  "__proto__",
  "toString",
  "extra",
);
const values = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom("", " ", AGENT, "x".repeat(100_000), "x".repeat(100_001)),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(undefined, null, new AbortController().signal, () => undefined, {}, []),
);
/** Mostly the fast path's own keys, so that many inputs are taken by it. */
const keys = fc.oneof(fc.constantFrom("message", "agent_id", "session_id", "signal", "memoryEvents", "stream"), anyKey);
/** Objects built key by key (`__proto__` as an own key too), with an odd prototype now and then. */
const inputs = fc
  .tuple(fc.array(fc.tuple(keys, values), { maxLength: 4 }), fc.constantFrom("plain", "null", "class"))
  .map(([entries, proto]) => {
    const input: Record<string, unknown> =
      proto === "null" ? Object.create(null) : proto === "class" ? new (class Input {})() : {};
    for (const [key, value] of entries) Object.defineProperty(input, key, { value, enumerable: true, writable: true });
    return input;
  });

describe("plain inputs checked without zod", () => {
  it("accept only what the schemas accept, and return what they return", () => {
    let taken = 0;
    fc.assert(
      fc.property(inputs, (input) => {
        const request = plainExecuteRequest(input);
        if (request !== undefined) expect(request).toStrictEqual(ExecuteRequestSchema.parse(input));
        const options = plainExecuteOptions(input);
        if (options !== undefined) expect(options).toStrictEqual(LettaExecuteOptionsSchema.parse(input));
        taken += (request ? 1 : 0) + (options ? 1 : 0);
      }),
      { numRuns: 5000 },
    );
    // The property means little unless the fast path takes a fair share of the inputs.
    expect(taken).toBeGreaterThan(500);
  });

  it("take the shapes nearly every turn sends", () => {
    const signal = new AbortController().signal;
    expect(plainExecuteRequest({ message: "hi", agent_id: AGENT })).toEqual({ message: "hi", agent_id: AGENT });
    expect(plainExecuteRequest({ message: "hi", agent_id: AGENT, session_id: "conv-1" })).toBeDefined();
    expect(plainExecuteOptions({})).toEqual({});
    expect(plainExecuteOptions({ signal, memoryEvents: false, includeThinking: true })).toEqual({
      signal,
      memoryEvents: false,
      includeThinking: true,
    });
  });

  it("leave every other shape to the schemas, so their errors are the ones users see", () => {
    for (const input of [
      undefined,
      "hi",
      { message: "" },
      { agent_id: AGENT },
      { message: "hi", agent_id: "" },
      { message: "hi", model: "openai/gpt-4o" },
      { message: "hi", agent_id: undefined },
      { message: "x".repeat(100_001) },
      Object.assign(new (class Request {})(), { message: "hi" }),
    ])
      expect(plainExecuteRequest(input)).toBeUndefined();
    for (const input of [
      undefined,
      { signal: "no" },
      { stream: "yes" },
      { maxSteps: 5 },
      { onApproval: () => undefined },
      { memoryEvents: undefined },
      { constructor: true },
    ])
      expect(plainExecuteOptions(input)).toBeUndefined();
  });

  it("do not copy a caller's later changes into the turn", () => {
    const options = { memoryEvents: false };
    const taken = plainExecuteOptions(options);
    options.memoryEvents = true;
    expect(taken).toEqual({ memoryEvents: false });
  });
});

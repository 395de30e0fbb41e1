import { ExecuteRequestSchema } from "@openharness/types";
import { describe, expect, it } from "vitest";
import { InvalidRequestError } from "@openharness/types/errors";
import { parseInput } from "./parse-input";

describe("parseInput", () => {
  it("returns the parsed input", () => {
    expect(parseInput(ExecuteRequestSchema, { message: "hi" }, { what: "ExecuteRequest" })).toEqual({ message: "hi" });
  });

  it("throws InvalidRequestError naming each field and the context", () => {
    let thrown: unknown;
    try {
      parseInput(
        ExecuteRequestSchema,
        { message: "", agentId: "x" },
        { what: "ExecuteRequest", harness: "echo", domain: "execution", operation: "sync" },
      );
    } catch (error) {
      thrown = error;
    }
    expect(InvalidRequestError.isInstance(thrown)).toBe(true);
    const error = thrown as InvalidRequestError;
    expect(error).toMatchObject({ harness: "echo", domain: "execution", operation: "sync" });
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(["(root)", "message"]);
    expect(error.message).toMatch(/^Invalid ExecuteRequest: /);
    expect(error.message).toContain("agentId");
  });
});

import { z } from "zod";
import { describe, expect, it } from "vitest";
import { CreateAgentRequestSchema } from "./agent";
import { ExecuteRequestSchema } from "./execute-request";
import { formatIssuePath, formatIssues, validate } from "./validate";

describe("validate", () => {
  it("returns the parsed data on success", () => {
    expect(validate(ExecuteRequestSchema, { message: "hi", agent_id: "agent-1" })).toEqual({
      success: true,
      data: { message: "hi", agent_id: "agent-1" },
    });
  });

  it("reports nested paths the way a user writes them", () => {
    const result = validate(CreateAgentRequestSchema, { memory_blocks: [{ label: 5, value: "Name: Alice" }] });
    expect(result).toEqual({
      success: false,
      issues: [{ path: "memory_blocks[0].label", message: "expected string (given: number)" }],
    });
  });

  it("says what was expected and what kind of value was given, for missing fields too", () => {
    const result = validate(ExecuteRequestSchema, {});
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues).toEqual([{ path: "message", message: "expected string (given: undefined)" }]);
  });

  it("calls the input itself (root)", () => {
    const result = validate(ExecuteRequestSchema, ["hi"]);
    expect(result.success ? [] : result.issues).toEqual([
      { path: "(root)", message: "expected object (given: array)" },
    ]);
  });

  it("explains bounds without echoing the rejected value, which may be a secret", () => {
    const secret = "sk-live-0123456789abcdef";
    const result = validate(ExecuteRequestSchema, { message: secret, temperature: 7, agent_id: "" });
    expect(result.success).toBe(false);
    if (result.success) return;
    const text = formatIssues(result.issues);
    expect(text).toMatch(
      /^agent_id: .*expected string to have >=1 characters \(given: string\); temperature: .*<=1 \(given: number\)$/,
    );
    expect(text).not.toContain(secret);
    expect(text).not.toContain("7");
  });

  it("names unknown keys without a meaningless (given: …)", () => {
    const result = validate(ExecuteRequestSchema, { message: "hi", agentId: "a" });
    expect(result.success ? [] : result.issues).toEqual([{ path: "(root)", message: 'Unrecognized key: "agentId"' }]);
  });
});

describe("formatIssuePath", () => {
  it("renders keys with dots and indices with brackets", () => {
    expect(formatIssuePath(["memory_blocks", 2, "label"])).toBe("memory_blocks[2].label");
    expect(formatIssuePath([0, "id"])).toBe("[0].id");
    expect(formatIssuePath([])).toBe("(root)");
  });
});

describe("formatIssues", () => {
  it("joins issues as path: message", () => {
    expect(
      formatIssues([
        { path: "a", message: "x" },
        { path: "b[0]", message: "y" },
      ]),
    ).toBe("a: x; b[0]: y");
  });

  it("keeps a schema's own message for a missing or mistyped value", () => {
    const schema = z.object({ agent_id: z.string({ error: "required: every turn runs on an agent" }) });
    expect(validate(schema, {})).toEqual({
      success: false,
      issues: [{ path: "agent_id", message: "required: every turn runs on an agent (given: undefined)" }],
    });
  });
});

import { describe, expect, it } from "vitest";
import { type ExecuteRequest, ExecuteRequestSchema } from "./execute-request";
import { validate } from "./validate";

const full: ExecuteRequest = {
  message: "Explain recursion",
  agent_id: "agent-1",
  session_id: "conv-1",
  system_prompt: "Be brief.",
  model: "openai/gpt-4o-mini",
  max_tokens: 1024,
  temperature: 0.7,
  tools: ["web_search"],
  skills: ["summarise"],
  metadata: { user: "alice" },
};

function issuesOf(input: unknown): string[] {
  const result = validate(ExecuteRequestSchema, input);
  return result.success ? [] : result.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe("ExecuteRequestSchema", () => {
  it("accepts the minimal and the full request unchanged", () => {
    expect(ExecuteRequestSchema.parse({ message: "Hello!" })).toEqual({ message: "Hello!" });
    expect(ExecuteRequestSchema.parse(full)).toEqual(full);
  });

  it("rejects unknown keys instead of dropping them, e.g. a camelCase agentId", () => {
    expect(issuesOf({ message: "Hello!", agentId: "agent-1" })).toEqual(['(root): Unrecognized key: "agentId"']);
    expect(issuesOf({ message: "Hello!", stream: true })).toHaveLength(1);
  });

  it("requires a non-empty message of at most 100 000 characters", () => {
    expect(issuesOf({ message: "" })).toEqual([expect.stringMatching(/^message: .*>=1 characters/)]);
    expect(issuesOf({ message: "x".repeat(100_001) })).toEqual([expect.stringMatching(/^message: .*<=100000/)]);
    expect(issuesOf({ message: "x".repeat(100_000) })).toEqual([]);
  });

  it.each([0, 0.5, 1])("accepts temperature %s", (temperature) => {
    expect(issuesOf({ message: "hi", temperature })).toEqual([]);
  });

  it.each([-0.01, 1.01, 2, Number.NaN])("rejects temperature %s", (temperature) => {
    expect(issuesOf({ message: "hi", temperature })).toEqual([expect.stringMatching(/^temperature: /)]);
  });

  it.each([1, 200_000])("accepts max_tokens %s", (max_tokens) => {
    expect(issuesOf({ message: "hi", max_tokens })).toEqual([]);
  });

  it.each([0, -1, 200_001, 1.5])("rejects max_tokens %s", (max_tokens) => {
    expect(issuesOf({ message: "hi", max_tokens })).toEqual([expect.stringMatching(/^max_tokens: /)]);
  });

  it("rejects empty ids and tool names", () => {
    expect(issuesOf({ message: "hi", agent_id: "", tools: ["ok", ""] })).toEqual([
      expect.stringMatching(/^agent_id: /),
      expect.stringMatching(/^tools\[1\]: /),
    ]);
  });
});

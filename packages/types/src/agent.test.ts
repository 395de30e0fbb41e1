import { describe, expect, it } from "vitest";
import { type CreateAgentRequest, CreateAgentRequestSchema } from "./agent";
import { validate } from "./validate";

const request: CreateAgentRequest = {
  name: "my-assistant",
  model: "openai/gpt-4o-mini",
  embedding_model: "openai/text-embedding-ada-002",
  memory_blocks: [
    { label: "human", value: "Name: Alice" },
    { label: "persona", value: "I am a helpful assistant.", limit: 5000, description: "Who I am", read_only: false },
  ],
  tools: ["web_search"],
  include_base_tools: true,
  system_prompt: "You are helpful.",
  tags: ["demo"],
  metadata: { team: "docs" },
};

function issuesOf(input: unknown) {
  const result = validate(CreateAgentRequestSchema, input);
  return result.success ? [] : result.issues;
}

describe("CreateAgentRequestSchema", () => {
  it("accepts the design document's agent and an empty request", () => {
    expect(CreateAgentRequestSchema.parse(request)).toEqual(request);
    expect(CreateAgentRequestSchema.parse({})).toEqual({});
  });

  it("rejects a duplicate block label at the second block, naming the first", () => {
    const blocks = [
      { label: "human", value: "Name: Alice" },
      { label: "persona", value: "Helpful" },
      { label: "human", value: "Name: Bob" },
    ];
    expect(issuesOf({ memory_blocks: blocks })).toEqual([
      {
        path: "memory_blocks[2].label",
        message: 'memory block labels must be unique: "human" is also memory_blocks[0] (given: string)',
      },
    ]);
  });

  it("rejects a value longer than the block's limit and accepts one exactly at it", () => {
    expect(issuesOf({ memory_blocks: [{ label: "human", value: "abcdef", limit: 5 }] })).toEqual([
      { path: "memory_blocks[0].value", message: "value is longer than limit: 6 characters, limit 5 (given: string)" },
    ]);
    expect(issuesOf({ memory_blocks: [{ label: "human", value: "abcde", limit: 5 }] })).toEqual([]);
  });

  it("reports a bad block without crashing the limit and uniqueness checks", () => {
    const issues = issuesOf({ memory_blocks: [{ label: "human", value: 5, limit: 2 }, { label: "human" }] });
    expect(issues.map((issue) => issue.path)).toEqual(["memory_blocks[0].value", "memory_blocks[1].value"]);
  });

  it("rejects labels outside letters, digits, _ and -", () => {
    expect(issuesOf({ memory_blocks: [{ label: "my block", value: "" }] })).toEqual([
      { path: "memory_blocks[0].label", message: "a label uses letters, digits, '_' and '-' only (given: string)" },
    ]);
  });

  it("rejects unknown keys at the request and the block level", () => {
    expect(issuesOf({ name: "a", memoryBlocks: [] }).map((issue) => issue.path)).toEqual(["(root)"]);
    expect(issuesOf({ memory_blocks: [{ label: "human", value: "x", id: "block-1" }] })).toEqual([
      { path: "memory_blocks[0]", message: 'Unrecognized key: "id"' },
    ]);
  });
});

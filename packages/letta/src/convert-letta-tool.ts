import type { Tool as LettaTool, ToolType } from "@letta-ai/letta-client/resources/tools";
import type { JsonObject, Tool, ToolSource } from "@openharness/types";

/** Letta's tool types → where the tool comes from. */
const SOURCES: Record<ToolType, ToolSource> = {
  custom: "custom",
  external_mcp: "mcp",
  external_langchain: "custom",
  external_composio: "custom",
  letta_core: "builtin",
  letta_memory_core: "builtin",
  letta_multi_agent_core: "builtin",
  letta_sleeptime_core: "builtin",
  letta_voice_sleeptime_core: "builtin",
  letta_builtin: "builtin",
  letta_files_core: "builtin",
};

const EMPTY_SCHEMA: JsonObject = { type: "object", properties: {} };

/** A Letta tool → an OpenHarness tool; `input_schema` is the arguments schema (`json_schema.parameters`). */
export function convertLettaTool(tool: LettaTool): Tool {
  const schema = (tool.json_schema ?? {}) as JsonObject;
  const parameters = schema.parameters;
  return {
    id: tool.id,
    name: tool.name ?? (typeof schema.name === "string" ? schema.name : tool.id),
    description: tool.description ?? (typeof schema.description === "string" ? schema.description : ""),
    source: tool.tool_type ? (SOURCES[tool.tool_type] ?? "custom") : "custom",
    input_schema: parameters && typeof parameters === "object" ? (parameters as JsonObject) : EMPTY_SCHEMA,
  };
}

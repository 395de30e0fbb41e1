import * as z from "zod";
import { type JsonObject, JsonObjectSchema } from "./json-object";

/** Where a tool comes from. */
export const TOOL_SOURCES = ["builtin", "mcp", "skill", "custom"] as const;

/** Where a tool comes from: the harness itself, an MCP server, a skill, or the user. */
export type ToolSource = (typeof TOOL_SOURCES)[number];

/** A tool an agent can call. `input_schema` is the JSON Schema of its arguments object. */
export interface Tool {
  id: string;
  name: string;
  description: string;
  source: ToolSource;
  source_id?: string;
  input_schema: JsonObject;
}

/** Schema for {@link Tool}. */
export const ToolSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  description: z.string(),
  source: z.enum(TOOL_SOURCES),
  source_id: z.string().optional(),
  input_schema: JsonObjectSchema,
});

import * as z from "zod";
import { type JsonObject, JsonObjectSchema } from "./json-object";
import { type CreateMemoryBlock, CreateMemoryBlockSchema, type MemoryBlock, MemoryBlockSchema } from "./memory-block";
import { type Tool, ToolSchema } from "./tool";

/** An agent as the harness reports it. */
export interface Agent {
  id: string;
  name: string;
  description?: string;
  model?: string;
  embedding_model?: string;
  system_prompt?: string;
  memory_blocks?: MemoryBlock[];
  tools?: Tool[];
  tags?: string[];
  metadata?: JsonObject;
  created_at?: string;
  updated_at?: string;
}

/** What an agent is created from. Everything is optional; adapters document their defaults. */
export interface CreateAgentRequest {
  name?: string;
  description?: string;
  model?: string;
  embedding_model?: string;
  system_prompt?: string;
  memory_blocks?: CreateMemoryBlock[];
  /** Tool names to attach. */
  tools?: string[];
  /** Attach the harness's built-in tools (memory editing and the like). */
  include_base_tools?: boolean;
  tags?: string[];
  metadata?: JsonObject;
}

/** Schema for {@link Agent}. */
export const AgentSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().optional(),
  model: z.string().optional(),
  embedding_model: z.string().optional(),
  system_prompt: z.string().optional(),
  memory_blocks: z.array(MemoryBlockSchema).optional(),
  tools: z.array(ToolSchema).optional(),
  tags: z.array(z.string()).optional(),
  metadata: JsonObjectSchema.optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
});

/** Schema for {@link CreateAgentRequest}; block labels must be unique, unknown keys are rejected. */
export const CreateAgentRequestSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  description: z.string().optional(),
  model: z.string().min(1).optional(),
  embedding_model: z.string().min(1).optional(),
  system_prompt: z.string().optional(),
  memory_blocks: z
    .array(CreateMemoryBlockSchema)
    .superRefine((blocks, ctx) => {
      // Blocks are addressed by label, so a duplicate would make one of them unreachable.
      const firstIndex = new Map<string, number>();
      blocks.forEach((block, index) => {
        const first = firstIndex.get(block.label);
        if (first === undefined) firstIndex.set(block.label, index);
        else
          ctx.addIssue({
            code: "custom",
            path: [index, "label"],
            message: `memory block labels must be unique: "${block.label}" is also memory_blocks[${first}]`,
          });
      });
    })
    .optional(),
  tools: z.array(z.string().min(1)).optional(),
  include_base_tools: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  metadata: JsonObjectSchema.optional(),
});

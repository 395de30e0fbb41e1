import * as z from "zod";

/** A block of an agent's core memory (always in its context), addressed by `label`. */
export interface MemoryBlock {
  /** The harness's id for the block, where it has one. */
  id?: string;
  label: string;
  value: string;
  /** Maximum length of `value`, in characters. */
  limit?: number;
  description?: string;
  /** The agent cannot edit a read-only block; the application still can. */
  read_only?: boolean;
}

/** A block to create: `id` is assigned by the harness. */
export type CreateMemoryBlock = Omit<MemoryBlock, "id">;

/** A change to a block: every field optional, `label` renames. */
export type MemoryBlockUpdate = Partial<CreateMemoryBlock>;

const label = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, "a label uses letters, digits, '_' and '-' only");

const blockFields = {
  label,
  value: z.string(),
  limit: z.number().int().positive().optional(),
  description: z.string().optional(),
  read_only: z.boolean().optional(),
};

/** Schema for {@link MemoryBlock}. */
export const MemoryBlockSchema = z.object({ id: z.string().min(1).optional(), ...blockFields });

/** Schema for {@link CreateMemoryBlock}: unknown keys and a `value` longer than `limit` are rejected. */
export const CreateMemoryBlockSchema = z.strictObject(blockFields).superRefine((block, ctx) => {
  if (block.limit !== undefined && block.value.length > block.limit) {
    ctx.addIssue({
      code: "custom",
      path: ["value"],
      message: `value is longer than limit: ${block.value.length} characters, limit ${block.limit}`,
    });
  }
});

/** Schema for {@link MemoryBlockUpdate}: unknown keys are rejected. */
export const MemoryBlockUpdateSchema = z.strictObject(blockFields).partial();

import type { MemoryBlock } from "@openharness/types";

/** The block fields this adapter reads (Letta's `BlockResponse` and the agent's `Block`). */
export interface LettaBlockLike {
  id?: string | null;
  label?: string | null;
  value: string;
  limit?: number | null;
  description?: string | null;
  read_only?: boolean | null;
}

/** A Letta block → an OpenHarness memory block (optional fields only when Letta has them). */
export function convertLettaBlock(block: LettaBlockLike): MemoryBlock {
  const converted: MemoryBlock = { label: block.label ?? "", value: block.value };
  if (block.id) converted.id = block.id;
  if (typeof block.limit === "number") converted.limit = block.limit;
  if (block.description) converted.description = block.description;
  if (typeof block.read_only === "boolean") converted.read_only = block.read_only;
  return converted;
}

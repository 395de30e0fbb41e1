import { ConflictError, type MemoryOperations } from "@openharness/adapter-kit";
import { CreateMemoryBlockSchema, MemoryBlockUpdateSchema } from "@openharness/types";
import { collectLettaPages } from "./collect-letta-pages";
import { convertLettaBlock } from "./convert-letta-block";
import type { LettaContext } from "./letta-context";
import { NO_RETRY } from "./letta-input-schemas";
import { parseLettaArgument, parseLettaInput } from "./parse-letta-input";

type BlockOperations = Pick<MemoryOperations, "getBlocks" | "getBlock" | "updateBlock" | "addBlock" | "deleteBlock">;

const BLOCKS = { domain: "memory", operation: "blocks" };

/** Core memory: an agent's blocks, read and edited by label. */
export function lettaMemoryBlocks(ctx: LettaContext): BlockOperations {
  const { client } = ctx;

  const getBlocks: BlockOperations["getBlocks"] = (agentId) => {
    const agent = parseLettaArgument(agentId, "agentId", BLOCKS);
    return ctx.call({ operation: "getBlocks", resource: "agent", resourceId: agent }, async () => {
      const blocks = await collectLettaPages(client.agents.blocks.list(agent, { limit: 100 }));
      return blocks.map(convertLettaBlock);
    });
  };

  const retrieve = (agent: string, label: string, operation: string) =>
    ctx.call({ operation, resource: "memory_block", resourceId: label, agentId: agent }, () =>
      client.agents.blocks.retrieve(label, { agent_id: agent }),
    );

  const getBlock: BlockOperations["getBlock"] = async (agentId, label) => {
    const agent = parseLettaArgument(agentId, "agentId", BLOCKS);
    const labelValue = parseLettaArgument(label, "label", BLOCKS);
    return convertLettaBlock(await retrieve(agent, labelValue, "getBlock"));
  };

  const updateBlock: BlockOperations["updateBlock"] = async (agentId, label, update) => {
    const agent = parseLettaArgument(agentId, "agentId", BLOCKS);
    const labelValue = parseLettaArgument(label, "label", BLOCKS);
    const given = typeof update === "string" ? { value: update } : update;
    const changes = parseLettaInput(MemoryBlockUpdateSchema, given, "memory block update", BLOCKS);
    const block = await ctx.call(
      { operation: "updateBlock", resource: "memory_block", resourceId: labelValue, agentId: agent },
      () => client.agents.blocks.update(labelValue, { agent_id: agent, ...changes }),
    );
    return convertLettaBlock(block);
  };

  const addBlock: BlockOperations["addBlock"] = async (agentId, block) => {
    const agent = parseLettaArgument(agentId, "agentId", BLOCKS);
    const valid = parseLettaInput(CreateMemoryBlockSchema, block, "memory block", BLOCKS);
    const existing = await getBlocks(agent);
    if (existing.some((b) => b.label === valid.label)) {
      throw new ConflictError({
        harness: "Letta",
        ...BLOCKS,
        message: `The agent already has a memory block labelled "${valid.label}".`,
        hint: "Update it with memory.updateBlock, or delete it first.",
      });
    }
    const created = await ctx.call({ operation: "addBlock" }, () => client.blocks.create({ ...valid }, NO_RETRY));
    try {
      await ctx.call({ operation: "addBlock", resource: "agent", resourceId: agent }, () =>
        client.agents.blocks.attach(created.id, { agent_id: agent }),
      );
    } catch (error) {
      // Attaching failed: do not leave an orphaned block behind.
      await client.blocks.delete(created.id).catch(() => undefined);
      throw error;
    }
    return convertLettaBlock(created);
  };

  const deleteBlock: BlockOperations["deleteBlock"] = async (agentId, label) => {
    const agent = parseLettaArgument(agentId, "agentId", BLOCKS);
    const labelValue = parseLettaArgument(label, "label", BLOCKS);
    const blockId = (await retrieve(agent, labelValue, "deleteBlock")).id;
    const where = { operation: "deleteBlock", resource: "memory_block", resourceId: labelValue, agentId: agent };
    await ctx.call(where, async () => {
      await client.agents.blocks.detach(blockId, { agent_id: agent });
      // Letta blocks can be shared: delete the block only when no other agent uses it.
      const others = await client.blocks.agents.list(blockId, { limit: 1 });
      if (others.getPaginatedItems().length === 0) await client.blocks.delete(blockId);
    });
  };

  return { getBlocks, getBlock, updateBlock, addBlock, deleteBlock };
}

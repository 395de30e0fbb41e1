import {
  ConflictError,
  type MemoryOperations,
  NotFoundError,
  parseInput,
  UnsupportedFeatureError,
} from "@openharness/adapter-kit";
import {
  type CreateMemoryBlock,
  CreateMemoryBlockSchema,
  type MemoryBlock,
  type MemoryBlockUpdate,
  MemoryBlockUpdateSchema,
} from "@openharness/types";
import * as z from "zod";
import type { MemoryFileEntry } from "./app-server-messages";
import type { AppServerRequests } from "./app-server-requests";
import { blockFromEntry, blockFromFile, blockPath, renderBlockFile } from "./memfs-block";

const HARNESS = "Letta (local)";

const Label = z.object({
  label: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, "expected a block label (letters, digits, '_' and '-')"),
});

/**
 * Core-memory blocks on memfs. Every write is a git commit on the App Server; a write whose
 * commit fails leaves the file changed but uncommitted, so it is rolled back (previous content
 * written back, or the new file deleted) and the call fails: a block is never reported saved
 * unless its commit succeeded.
 */
export class LocalMemory {
  readonly #deps: AppServerRequests;

  constructor(deps: AppServerRequests) {
    this.#deps = deps;
  }

  /** The `memory` group of the adapter (blocks; no archival memory on the local backend). */
  operations(): Partial<MemoryOperations> {
    return {
      getBlocks: (agentId) => this.list(this.#deps.checkAgentId(agentId, "blocks")),
      getBlock: (agentId, label) => this.read(this.#deps.checkAgentId(agentId, "blocks"), this.#label(label)),
      addBlock: (agentId, block) => this.#add(this.#deps.checkAgentId(agentId, "blocks"), block),
      updateBlock: (agentId, label, update) =>
        this.#update(this.#deps.checkAgentId(agentId, "blocks"), this.#label(label), update),
      deleteBlock: (agentId, label) => this.#delete(this.#deps.checkAgentId(agentId, "blocks"), this.#label(label)),
    };
  }

  /** Rejects what memfs cannot store: `read_only` is a protected field the App Server refuses. */
  checkBlockFields(block: Partial<CreateMemoryBlock>, path: string): void {
    if (block.read_only) {
      throw new UnsupportedFeatureError({
        harness: HARNESS,
        domain: "memory",
        operation: "read-only",
        reason: `${path}.read_only: read_only is a protected memfs field the App Server does not let a client set`,
        workaround: "leave read_only out; keep fixed facts in the agent's system prompt",
      });
    }
  }

  /** Every block (`system/<label>.md`); `limit` is not listed (read one block for it). */
  async list(agentId: string): Promise<MemoryBlock[]> {
    const response = await this.#deps.request(
      { type: "list_memory", agent_id: agentId },
      { operation: "list_memory", domain: "memory", resource: "agent", resourceId: agentId },
    );
    const entries = (response.entries as MemoryFileEntry[] | undefined) ?? [];
    // An unknown agent lists as empty: tell it from an agent without blocks.
    if (entries.length === 0)
      await this.#deps.request(
        { type: "agent_retrieve", agent_id: agentId },
        { operation: "agent_retrieve", resource: "agent", resourceId: agentId },
      );
    return entries.flatMap((entry) => blockFromEntry(entry) ?? []);
  }

  /** One block, front-matter included. */
  async read(agentId: string, label: string): Promise<MemoryBlock> {
    return blockFromFile(label, await this.#raw(agentId, label));
  }

  /** Writes a block file and checks its commit; on failure puts `previous` back (or removes the file). */
  async writeBlock(agentId: string, block: CreateMemoryBlock, previous: string | undefined): Promise<MemoryBlock> {
    const path = blockPath(block.label);
    const content = renderBlockFile(block);
    const context = {
      operation: "write_memory_file",
      domain: "memory",
      resource: "memory_block",
      resourceId: block.label,
    };
    try {
      await this.#deps.request(
        {
          type: "write_memory_file",
          agent_id: agentId,
          path,
          content,
          commit_message: `Update memory block ${block.label}`,
        },
        context,
      );
    } catch (error) {
      await this.#rollback(agentId, path, previous);
      throw error;
    }
    return blockFromFile(block.label, content);
  }

  async #add(agentId: string, block: CreateMemoryBlock): Promise<MemoryBlock> {
    const valid = parseInput(CreateMemoryBlockSchema, block, {
      what: "memory block",
      harness: HARNESS,
      domain: "memory",
      operation: "blocks",
    });
    this.checkBlockFields(valid, "block");
    if ((await this.list(agentId)).some((existing) => existing.label === valid.label)) {
      throw new ConflictError({
        harness: HARNESS,
        domain: "memory",
        operation: "blocks",
        message: `The agent already has a memory block labelled "${valid.label}".`,
        hint: "Update it with memory.updateBlock, or delete it first.",
      });
    }
    return this.writeBlock(agentId, valid, undefined);
  }

  async #update(agentId: string, label: string, update: string | MemoryBlockUpdate): Promise<MemoryBlock> {
    const changes = parseInput(MemoryBlockUpdateSchema, typeof update === "string" ? { value: update } : update, {
      what: "memory block update",
      harness: HARNESS,
      domain: "memory",
      operation: "blocks",
    });
    this.checkBlockFields(changes, "update");
    const previous = await this.#raw(agentId, label);
    const current = blockFromFile(label, previous);
    const next: CreateMemoryBlock = { label: changes.label ?? label, value: changes.value ?? current.value };
    const description = changes.description ?? current.description;
    const limit = changes.limit ?? current.limit;
    if (description !== undefined) next.description = description;
    if (limit !== undefined) next.limit = limit;
    parseInput(CreateMemoryBlockSchema, next, {
      what: "memory block update",
      harness: HARNESS,
      domain: "memory",
      operation: "blocks",
    });
    if (next.label === label) return this.writeBlock(agentId, next, previous);
    // A rename: the new file first, then the old one goes.
    const written = await this.writeBlock(agentId, next, undefined);
    await this.#delete(agentId, label);
    return written;
  }

  async #delete(agentId: string, label: string): Promise<void> {
    await this.#raw(agentId, label);
    await this.#deps.request(
      {
        type: "delete_memory_file",
        agent_id: agentId,
        path: blockPath(label),
        commit_message: `Delete memory block ${label}`,
      },
      { operation: "delete_memory_file", domain: "memory", resource: "memory_block", resourceId: label },
    );
  }

  async #raw(agentId: string, label: string): Promise<string> {
    const response = await this.#deps
      .request(
        { type: "read_memory_file", agent_id: agentId, path: blockPath(label) },
        { operation: "read_memory_file", domain: "memory", resource: "memory_block", resourceId: label },
      )
      .catch((error: unknown) => {
        if (NotFoundError.isInstance(error)) {
          throw new NotFoundError({
            harness: HARNESS,
            domain: "memory",
            operation: "blocks",
            message: `The agent has no memory block labelled "${label}".`,
            resource: "memory_block",
            resourceId: label,
            cause: error,
          });
        }
        throw error;
      });
    return String(response.content ?? "");
  }

  /** Undoes a failed write: the file is changed on disk but not committed. */
  async #rollback(agentId: string, path: string, previous: string | undefined): Promise<void> {
    const command =
      previous === undefined
        ? { type: "delete_memory_file", agent_id: agentId, path }
        : { type: "write_memory_file", agent_id: agentId, path, content: previous, commit_message: `Restore ${path}` };
    // The delete of a never-committed file removes it but reports git's pathspec error: that is expected.
    await this.#deps.request(command, { operation: command.type }).catch(() => undefined);
  }

  #label(label: unknown): string {
    return parseInput(Label, { label }, { what: "label", harness: HARNESS, domain: "memory", operation: "blocks" })
      .label;
  }
}

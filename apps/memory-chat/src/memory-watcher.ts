import type { MemoryBlock, MemoryUpdateEvent } from "@openharness/letta";
import type { ConsoleIo } from "./console-io";
import { type ChatAdapter, diffBlock } from "@openharness/example-support";

/** Tools that edit core memory: Letta's `memory_insert`, `memory_replace`, `core_memory_append`, `memory`, ... */
const CORE_MEMORY_TOOL = /^(?:core_)?memory(?:_|$)/;

/**
 * Shows memory changes as they happen, e.g. `memory ▸ human: + The user's name is Sam.` From the
 * turn's `memory_update` events when the adapter emits them (the REST adapter does); otherwise it
 * keeps the blocks as last seen and re-reads them after the agent's memory tool returns. `/edit`
 * shows its own change.
 */
export class MemoryWatcher {
  readonly #adapter: ChatAdapter;
  readonly #io: ConsoleIo;
  #agentId = "";
  #known = new Map<string, string>();

  constructor(adapter: ChatAdapter, io: ConsoleIo) {
    this.#adapter = adapter;
    this.#io = io;
  }

  /** True when a tool of this name edits core memory. */
  static edits(toolName: string): boolean {
    return CORE_MEMORY_TOOL.test(toolName);
  }

  /** Starts watching an agent whose blocks are `blocks`. */
  watch(agentId: string, blocks: readonly MemoryBlock[]): void {
    this.#agentId = agentId;
    this.#known = new Map(blocks.map((block) => [block.label, block.value]));
  }

  /** Re-reads the blocks and prints each changed line. */
  async refresh(): Promise<void> {
    let blocks: MemoryBlock[];
    try {
      blocks = await this.#adapter.memory.getBlocks(this.#agentId);
    } catch (error) {
      this.#io.notice(
        `memory ▸ could not re-read the memory blocks: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    for (const block of blocks) this.show(block);
  }

  /** Prints how `block` differs from what was last seen, and remembers it. */
  show(block: MemoryBlock): void {
    const before = this.#known.get(block.label);
    this.#known.set(block.label, block.value);
    if (before === undefined) {
      this.#io.line(`memory ▸ ${block.label}: (new block)`);
      return;
    }
    this.#changed(block.label, before, block.value);
  }

  /** Prints a change the adapter reported (`memory_update`), and remembers the block's new value. */
  apply(event: MemoryUpdateEvent): void {
    if (event.label === "archival" && event.passage_id !== undefined) {
      if (event.after !== null) this.#io.line(`archive ▸ + ${event.after}`);
      return;
    }
    if (event.after === null) {
      this.#known.delete(event.label);
      this.#io.line(`memory ▸ ${event.label}: (deleted)`);
      return;
    }
    this.#known.set(event.label, event.after);
    if (event.before === null) this.#io.line(`memory ▸ ${event.label}: (new block)`);
    this.#changed(event.label, event.before ?? "", event.after);
  }

  #changed(label: string, before: string, after: string): void {
    if (before === after) return;
    const changes = diffBlock(before, after);
    if (changes.length === 0) this.#io.line(`memory ▸ ${label}: (rewritten)`);
    for (const change of changes) this.#io.line(`memory ▸ ${label}: ${change}`);
  }
}

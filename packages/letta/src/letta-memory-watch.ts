import type { MemoryUpdateEvent } from "@openharness/types";
import { collectLettaPages } from "./collect-letta-pages";
import type { LettaContext } from "./letta-context";

/** How many of the newest passages are compared: more than a step of the agent inserts. */
const NEWEST_PASSAGES = 20;

/** A block's value by label; and the ids of the newest archival passages. */
interface MemoryState {
  blocks: Map<string, string>;
  passages: Set<string>;
}

/**
 * The changes between two readings of core memory, as `memory_update` events: a label that
 * appeared is a `create`, one that went a `delete`, a changed value an `update`.
 */
export function diffBlocks(
  agentId: string,
  before: Map<string, string>,
  after: Map<string, string>,
  toolCallId?: string,
): MemoryUpdateEvent[] {
  const events: MemoryUpdateEvent[] = [];
  const event = (
    label: string,
    operation: MemoryUpdateEvent["operation"],
    was: string | null,
    now: string | null,
  ): MemoryUpdateEvent => ({
    type: "memory_update",
    agent_id: agentId,
    label,
    operation,
    before: was,
    after: now,
    ...(toolCallId ? { tool_call_id: toolCallId } : {}),
  });
  for (const [label, value] of after) {
    const was = before.get(label);
    if (was === undefined) events.push(event(label, "create", null, value));
    else if (was !== value) events.push(event(label, "update", was, value));
  }
  for (const [label, was] of before) if (!after.has(label)) events.push(event(label, "delete", was, null));
  return events;
}

/**
 * Watches an agent's memory during a turn: read at the start, read again after each tool return,
 * and what actually changed reported. Tool names are not trusted: an agent may edit memory
 * through any tool (memfs agents use file tools), so every successful return is checked.
 */
export class LettaMemoryWatch {
  readonly #ctx: LettaContext;
  readonly #agentId: string;
  #state: MemoryState;

  private constructor(ctx: LettaContext, agentId: string, state: MemoryState) {
    this.#ctx = ctx;
    this.#agentId = agentId;
    this.#state = state;
  }

  /** Reads the agent's memory as it is before the turn changes it. */
  static async start(ctx: LettaContext, agentId: string): Promise<LettaMemoryWatch> {
    return new LettaMemoryWatch(ctx, agentId, await read(ctx, agentId));
  }

  /** What changed since the last reading, attributed to `toolCallId`. */
  async changes(toolCallId: string | undefined): Promise<MemoryUpdateEvent[]> {
    const [before, after] = [this.#state, await read(this.#ctx, this.#agentId)];
    this.#state = { blocks: after.blocks, passages: new Set([...before.passages, ...after.passages]) };
    const events = diffBlocks(this.#agentId, before.blocks, after.blocks, toolCallId);
    for (const passage of after.inserted) {
      if (before.passages.has(passage.id)) continue;
      events.push({
        type: "memory_update",
        agent_id: this.#agentId,
        label: "archival",
        operation: "create",
        before: null,
        after: passage.text,
        passage_id: passage.id,
        ...(toolCallId ? { tool_call_id: toolCallId } : {}),
      });
    }
    return events;
  }
}

async function read(
  ctx: LettaContext,
  agentId: string,
): Promise<MemoryState & { inserted: { id: string; text: string }[] }> {
  // Part of the turn: a failure here is the turn's, named as such.
  const where = { operation: "execute", resource: "agent", resourceId: agentId, domain: "execution" };
  return ctx.call(where, async () => {
    const blocks = new Map<string, string>();
    const listBlocks = async () => {
      for (const block of await collectLettaPages(ctx.client.agents.blocks.list(agentId, { limit: 100 })))
        if (block.label) blocks.set(block.label, block.value);
    };
    const [, newest] = await Promise.all([
      listBlocks(),
      ctx.client.agents.passages.list(agentId, { ascending: false, limit: NEWEST_PASSAGES }),
    ]);
    // Oldest first, so events come in the order the passages were inserted.
    const inserted = newest
      .flatMap((passage) => (passage.id ? [{ id: passage.id, text: passage.text }] : []))
      .reverse();
    return { blocks, passages: new Set(inserted.map((passage) => passage.id)), inserted };
  });
}

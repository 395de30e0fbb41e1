import type { Passage } from "@letta-ai/letta-client/resources/passages";
import { isoTimestamp } from "../support/time.js";
import type { EmulatedAgent } from "./emulator-state.js";
import type { EmulatorStore } from "./emulator-store.js";

/** Stores a passage in the agent's archive, as `POST …/archival-memory` and `archival_memory_insert` do. */
export function insertPassage(
  store: EmulatorStore,
  agent: EmulatedAgent,
  text: string,
  tags: string[] | null,
  createdAt: string | null,
): Passage {
  const now = store.timestamp();
  const passage: Passage = {
    created_by_id: null,
    last_updated_by_id: null,
    created_at: createdAt ?? now,
    updated_at: now,
    is_deleted: false,
    archive_id: agent.archive_id,
    file_id: null,
    file_name: null,
    metadata: {},
    tags: tags && tags.length > 0 ? [...tags] : null,
    id: `passage-${store.env.uuid()}`,
    text,
    embedding: null,
    embedding_config: agent.embedding_config,
  };
  let list = store.state.passages[agent.id];
  if (!list) {
    list = [];
    store.state.passages[agent.id] = list;
  }
  list.push(passage);
  return passage;
}

/** Lower-cased word set used for the emulator's deterministic relevance (word overlap). */
export function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/** Word-overlap relevance of `text` to `query` (0 = unrelated). */
export function relevance(query: string, text: string): number {
  const q = words(query);
  let score = 0;
  for (const w of words(text)) if (q.has(w)) score++;
  return score;
}

/** One archival search hit, in Letta's `ArchivalMemorySearchResult` shape. */
export interface ArchivalSearchHit {
  id: string;
  content: string;
  timestamp: string;
  tags: string[];
}

/**
 * Archival search: passages sharing at least one word with the query, most overlap first, then
 * newest first; filtered by tags (`any`/`all`) and creation time; at most `topK`.
 */
export function searchPassages(
  store: EmulatorStore,
  agent: EmulatedAgent,
  options: {
    query: string;
    tags: string[] | null;
    tagMatchMode: "any" | "all";
    topK: number;
    start?: string | null;
    end?: string | null;
  },
): ArchivalSearchHit[] {
  const passages = store.state.passages[agent.id] ?? [];
  const start = options.start ? Date.parse(options.start) : Number.NEGATIVE_INFINITY;
  const end = options.end ? Date.parse(options.end) : Number.POSITIVE_INFINITY;
  const scored = passages
    .map((passage, index) => ({ passage, index, score: relevance(options.query, passage.text) }))
    .filter(({ passage, score }) => {
      if (score <= 0) return false;
      const created = Date.parse(passage.created_at ?? "");
      if (Number.isFinite(created) && (created < start || created > end)) return false;
      if (!options.tags || options.tags.length === 0) return true;
      const own = new Set(passage.tags ?? []);
      return options.tagMatchMode === "all"
        ? options.tags.every((t) => own.has(t))
        : options.tags.some((t) => own.has(t));
    })
    .sort((a, b) => b.score - a.score || b.index - a.index);
  return scored.slice(0, Math.max(0, options.topK)).map(({ passage }) => ({
    id: passage.id ?? "",
    content: passage.text,
    timestamp: passage.created_at ?? isoTimestamp(store.env.now()),
    tags: passage.tags ?? [],
  }));
}

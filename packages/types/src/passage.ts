import * as z from "zod";

/** An entry of an agent's archival (long-term) memory. */
export interface Passage {
  id: string;
  text: string;
  tags?: string[];
  created_at?: string;
}

/** A passage found by a semantic search, best first. `score` when the harness reports one. */
export interface PassageSearchResult {
  id: string;
  text: string;
  tags?: string[];
  created_at?: string;
  score?: number;
}

/** Schema for {@link Passage}. */
export const PassageSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  tags: z.array(z.string()).optional(),
  created_at: z.string().optional(),
});

/** Schema for {@link PassageSearchResult}. */
export const PassageSearchResultSchema = PassageSchema.extend({ score: z.number().optional() });

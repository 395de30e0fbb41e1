/** Deterministic text measures and splits standing in for an LLM's tokens. */

/** Deterministic token estimate: characters / 4, rounded up, at least 1 for non-empty text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Splits text into small, deterministic token-like fragments (a word plus its trailing space). */
export function splitTokens(text: string): string[] {
  const parts = text.match(/\s*\S+\s*/g) ?? [];
  return parts.length > 0 ? parts : text.length > 0 ? [text] : [];
}

/** Splits text into fixed-size fragments (for tool-call argument deltas). */
export function splitChunks(text: string, size: number): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
  return chunks.length > 0 ? chunks : [""];
}

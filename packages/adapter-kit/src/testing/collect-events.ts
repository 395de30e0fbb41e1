/**
 * Reads a stream to its end and returns its events in order. `limit` (default 10 000) guards a
 * test against a stream that never ends: reading more throws.
 */
export async function collectEvents<T>(events: AsyncIterable<T>, options: { limit?: number } = {}): Promise<T[]> {
  const limit = options.limit ?? 10_000;
  const out: T[] = [];
  for await (const event of events) {
    if (out.length >= limit) throw new Error(`collectEvents: the stream produced more than ${limit} events.`);
    out.push(event);
  }
  return out;
}

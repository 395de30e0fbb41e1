/**
 * Runs the turns of one conversation one after another. The App Server queues a second input to
 * a busy conversation and interleaves both turns' events on one socket; waiting for the previous
 * turn here keeps each stream to its own turn.
 */
export class ConversationQueue {
  readonly #tails = new Map<string, Promise<void>>();

  /**
   * An iterable that starts `open()` only after the previous turn of `key` has settled. `open`
   * returns the turn's iterable and a promise that settles when the turn is over.
   */
  enqueue<T>(key: string, open: () => { events: AsyncIterable<T>; settled: Promise<void> }): AsyncIterable<T> {
    const tails = this.#tails;
    return {
      [Symbol.asyncIterator]: () => {
        const previous = tails.get(key) ?? Promise.resolve();
        const turn = open();
        const tail = previous.then(() => turn.settled);
        tails.set(key, tail);
        void tail.then(() => {
          if (tails.get(key) === tail) tails.delete(key);
        });
        const inner = turn.events[Symbol.asyncIterator]();
        let waited = false;
        return {
          next: async () => {
            if (!waited) {
              waited = true;
              await previous;
            }
            return inner.next();
          },
          return: () => inner.return?.() ?? Promise.resolve({ done: true as const, value: undefined }),
        };
      },
    };
  }
}

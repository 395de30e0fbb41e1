/**
 * Tracks every timer the emulator starts, so `dispose()` can clear them all (no leaked handles
 * keeping a test process alive). Sleeps resolve `false` when aborted or disposed.
 */
export class Scheduler {
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #wakers = new Set<() => void>();

  /** Waits `ms`; resolves `true` when the time passed, `false` if `signal` aborted or the scheduler was disposed. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const finish = (completed: boolean) => {
        clearTimeout(timer);
        this.#timers.delete(timer);
        this.#wakers.delete(wake);
        signal?.removeEventListener("abort", wake);
        resolve(completed);
      };
      const wake = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      this.#timers.add(timer);
      this.#wakers.add(wake);
      signal?.addEventListener("abort", wake, { once: true });
    });
  }

  /** Runs `fn` once after `ms`. Returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    };
  }

  /** Number of timers currently pending (for tests asserting nothing leaks). */
  get pending(): number {
    return this.#timers.size;
  }

  /** Clears every pending timer and wakes every sleeper with `false`. */
  dispose(): void {
    for (const wake of [...this.#wakers]) wake();
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/**
 * Internal helpers shared by the emulator's modules: HTTP errors with Letta bodies, a timer
 * registry that can be torn down in one go, and id/time formatting. Not exported publicly.
 */

/** An error that becomes an HTTP response with a Letta-shaped JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body === "object" && body !== null && "detail" in body ? String((body as { detail: unknown }).detail) : `HTTP ${status}`);
  }
}

/** `{"detail": detail}`, Letta's usual error body. */
export function detail(status: number, message: unknown, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(status, { detail: message, ...extra });
}

export const notFound = (message: string) => detail(404, message);
export const badRequest = (message: string) => detail(400, message);
export const conflict = (message: string) => detail(409, message);
/** A 422 like Letta's `HTTPException(status_code=422, detail=...)` (a string `detail`, not FastAPI's list). */
export const unprocessable = (message: string, extra: Record<string, unknown> = {}) => detail(422, message, extra);

/** Default Letta-style bodies for statuses injected by faults. */
export function defaultErrorBody(status: number): unknown {
  switch (status) {
    case 400:
      return { detail: "INVALID_ARGUMENT: Bad request" };
    case 401:
      return { detail: "Unauthorized" };
    case 403:
      return { detail: "PERMISSION_DENIED: You do not have permission to perform this action" };
    case 404:
      return { detail: "Not Found" };
    case 409:
      return { detail: "CONFLICT: The request conflicts with the current state of the resource" };
    case 422:
      return { detail: "Unprocessable Entity" };
    case 429:
      return { detail: "RATE_LIMIT_EXCEEDED: Rate limit exceeded" };
    case 500:
      return { detail: "An unknown error occurred" };
    case 502:
      return { detail: "Bad Gateway" };
    case 503:
      return { detail: "The database is temporarily unavailable. Please try again later." };
    default:
      return { detail: `HTTP ${status}` };
  }
}

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

/** ISO 8601 with a `+00:00` offset, as Letta (Python `isoformat()`) writes timestamps. */
export function isoTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

/** Letta's `get_local_time()` format used in tool results, e.g. `2026-06-10 12:00:00 PM UTC+0000`. */
export function lettaLocalTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const hours = date.getUTCHours();
  const h12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(h12)}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? "AM" : "PM"} UTC+0000`;
}

/** Deterministic token estimate: characters / 4, rounded up, at least 1 for non-empty text. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Deep-copies JSON data (the emulator state is plain JSON by design). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `true` for a plain (non-array, non-null) object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The id patterns Letta validates path ids against (`<prefix>-<uuid4>`). */
export function isPrefixedUuid4(id: string, prefix: string): boolean {
  return new RegExp(`^${prefix}-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).test(id);
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

import type { LettaExchange, RecordedRequest } from "./wire/letta-exchange.js";

/**
 * Receives the traffic of every Letta emulator in the current JavaScript realm. Contract-testing
 * setups use it to check all exchanges without wiring `onExchange` into each emulator.
 */
export interface LettaExchangeObserver {
  /** A request arrived (its exchange will be reported later, possibly after a stream ends). */
  onRequest?(request: RecordedRequest): void;
  /** A request/response pair completed (streams: when the stream ended or the client left). */
  onExchange(exchange: LettaExchange): void;
}

const REGISTRY_KEY = Symbol.for("@openharness/letta-emulator:exchange-observers");

function registry(): Set<LettaExchangeObserver> {
  const holder = globalThis as unknown as Record<symbol, Set<LettaExchangeObserver> | undefined>;
  let set = holder[REGISTRY_KEY];
  if (!set) {
    set = new Set();
    holder[REGISTRY_KEY] = set;
  }
  return set;
}

/**
 * Observes every emulator's exchanges in this realm (shared across module copies via a global
 * symbol). Returns a function that stops observing.
 *
 * @example
 * ```ts
 * const stop = observeLettaExchanges({ onExchange: (ex) => seen.push(ex) });
 * afterAll(stop);
 * ```
 */
export function observeLettaExchanges(observer: LettaExchangeObserver): () => void {
  registry().add(observer);
  return () => {
    registry().delete(observer);
  };
}

/** @internal Notifies observers that a request arrived. */
export function notifyRequest(request: RecordedRequest): void {
  for (const observer of registry()) {
    try {
      observer.onRequest?.(request);
    } catch {
      // Observers must not break the emulator.
    }
  }
}

/** @internal Notifies observers of a completed exchange. */
export function notifyExchange(exchange: LettaExchange): void {
  for (const observer of registry()) {
    try {
      observer.onExchange(exchange);
    } catch {
      // Observers must not break the emulator.
    }
  }
}

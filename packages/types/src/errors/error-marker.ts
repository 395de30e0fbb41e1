// One cross-copy marker style for every error class of OpenHarness (see `isInstance`).

/**
 * Stamps the cross-copy marker of an error class. Non-enumerable, so spreading or serialising an
 * error does not hand its identity to a plain object.
 */
export function mark(error: object, symbol: symbol): void {
  Object.defineProperty(error, symbol, { value: true, enumerable: false, configurable: false, writable: false });
}

/** True when `error` carries `symbol` (the cross-copy marker of an error class). */
export function hasMarker(error: unknown, symbol: symbol): boolean {
  return typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[symbol] === true;
}

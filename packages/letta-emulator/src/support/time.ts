/** Timestamps as Letta (Python) writes them. */

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

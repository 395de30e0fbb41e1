/** Small statistics and formatting helpers. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A copy of `items` in a random order (Fisher–Yates). */
export function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export function summarize(values: readonly number[]): Summary {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

/** The `q` quantile (0–1) of `values`, linearly interpolated. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}

/** Median of the per-round ratios `a[i] / b[i]` (pairs measured back to back cancel slow drift). */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, i) => value / (b[i] as number)));
}

/** Interquartile range of the per-round ratios `a[i] / b[i]`: how far one run can be trusted. */
export function pairedRatioIqr(a: readonly number[], b: readonly number[]): [number, number] {
  const ratios = a.map((value, i) => value / (b[i] as number));
  return [quantile(ratios, 0.25), quantile(ratios, 0.75)];
}

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));

export const ms = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);

/** Bytes as MB from 1 MB up, else as KB. */
export const mb = (bytes: number): string =>
  Math.abs(bytes) >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${(bytes / 1024).toFixed(Math.abs(bytes) >= 10 * 1024 ? 0 : 1)} KB`;

export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export const ratio = (value: number): string => `${value.toFixed(2)}x`;

/** Runs the garbage collector when the process was started with `--expose-gc`. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export const hasGc = (): boolean => typeof (globalThis as { gc?: unknown }).gc === "function";

/** Process CPU time (user + system) in ms since `start`. */
export function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

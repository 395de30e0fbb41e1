import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { type Summary, summarize } from "./stats.ts";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

export interface BundleSize {
  name: string;
  /** Dependencies left out of the bundle (imports kept as they are). */
  external: string[];
  minified: number;
  gzipped: number;
}

interface Manifest {
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/**
 * 4. Minified + gzipped size of a package's ESM entry (its built `dist/index.js`, found through
 * normal package resolution), its dependencies and peer dependencies external unless
 * `withDependencies`.
 */
export async function bundleSize(name: string, withDependencies = false): Promise<BundleSize> {
  const entry = fileURLToPath(import.meta.resolve(name));
  const manifest = JSON.parse(
    readFileSync(fileURLToPath(import.meta.resolve(`${name}/package.json`)), "utf8"),
  ) as Manifest;
  const peers = Object.keys(manifest.peerDependencies ?? {});
  const external = withDependencies ? peers : [...Object.keys(manifest.dependencies ?? {}), ...peers];
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "neutral",
    // `platform: neutral` reads no main fields by default; bundled dependencies need them.
    mainFields: ["module", "main"],
    external,
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error(`esbuild produced no output for ${name}`);
  return {
    name: withDependencies ? `${name} + dependencies` : name,
    external,
    minified: code.length,
    gzipped: gzipSync(code, { level: 9 }).length,
  };
}

export interface ImportTime {
  specifier: string;
  ms: Summary;
}

function importOnce(specifier: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: PACKAGE_DIR,
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`importing ${specifier} failed: ${child.stderr}`);
  return Number(child.stdout);
}

/**
 * 5. Cold import: `await import(specifier)` in a fresh Node process (run from this package, where
 * the packages resolve), `runs` times per specifier, alternating; the time of the import alone.
 */
export function coldImports(specifiers: string[], runs: number): ImportTime[] {
  const times = new Map<string, number[]>(specifiers.map((s) => [s, []]));
  for (const specifier of specifiers) importOnce(specifier); // warm the file system cache
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? specifiers : [...specifiers].reverse();
    for (const specifier of order) times.get(specifier)?.push(importOnce(specifier));
  }
  return specifiers.map((specifier) => ({ specifier, ms: summarize(times.get(specifier) ?? []) }));
}

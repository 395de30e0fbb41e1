// scripts/pnpm mutation [package ...] [file ...]: Stryker over the core files of each package, one package
// at a time (sized for a 2-core machine), incremental (only what changed since the last run is
// tested again), then one line per file: its mutation score.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { MUTATION_TARGETS } from "./mutation-targets.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../../..");
const require = createRequire(import.meta.url);
const stryker = join(dirname(require.resolve("@stryker-mutator/core/package.json")), "bin/stryker.js");
const runner = require.resolve("@stryker-mutator/vitest-runner");
const reports = join(root, "tooling/mutation/reports");
mkdirSync(reports, { recursive: true });

// Arguments name packages (`letta`) and/or files (`map-letta-stream-error`): only those are mutated.
const args = process.argv.slice(2);
const packages = args.filter((arg) => MUTATION_TARGETS.some((t) => t.dir.endsWith(`/${arg}`)));
const files = args.filter((arg) => !packages.includes(arg));
const targets = MUTATION_TARGETS.filter(
  (t) => packages.length === 0 || packages.some((dir) => t.dir.endsWith(`/${dir}`)),
)
  .map((t) => ({ ...t, mutate: t.mutate.filter((file) => files.length === 0 || files.some((f) => file.includes(f))) }))
  .filter((t) => t.mutate.length > 0);
let failed = false;
const rows = [];
for (const target of targets) {
  const name = target.dir.split("/").at(-1);
  const config = {
    testRunner: "vitest",
    plugins: [runner],
    vitest: { configFile: "vitest.config.ts" },
    mutate: target.mutate,
    coverageAnalysis: "perTest",
    // Module-level constants (the sets and patterns a mapping reads) are evaluated once per test
    // file, before any mutant is active: the in-process vitest runner cannot tell whether tests
    // kill them, and reported them all as survivors. They are left out of the score.
    ignoreStatic: true,
    concurrency: 2,
    // In place: the tests find the repository's files (the OpenAPI spec) where they are. Stryker
    // restores every file when it ends, also on Ctrl-C.
    inPlace: true,
    incremental: true,
    incrementalFile: join(reports, `${name}-incremental.json`),
    reporters: ["progress", "json"],
    jsonReporter: { fileName: join(reports, `${name}.json`) },
    thresholds: { high: 90, low: 80, break: null },
    timeoutMS: 20_000,
    cleanTempDir: "always",
  };
  const configFile = join(reports, `${name}.stryker.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  console.log(`== mutation: ${target.dir} (${target.mutate.length} files)`);
  const run = spawnSync(process.execPath, [stryker, "run", configFile], {
    cwd: join(root, target.dir),
    stdio: "inherit",
  });
  if (run.status !== 0) {
    failed = true;
    continue;
  }
  const report = JSON.parse(readFileSync(config.jsonReporter.fileName, "utf8"));
  for (const [file, result] of Object.entries(report.files)) {
    const count = (status) => result.mutants.filter((m) => m.status === status).length;
    const killed = count("Killed") + count("Timeout");
    const survived = count("Survived") + count("NoCoverage");
    const score = killed + survived === 0 ? 100 : (100 * killed) / (killed + survived);
    rows.push({ file: relative(root, join(root, target.dir, file)), killed, survived, score });
  }
}
console.log("\n== mutation scores (killed / killed + survived; ≥ 90% is the target)");
for (const row of rows)
  console.log(
    `${row.score.toFixed(1).padStart(5)}%  ${String(row.killed).padStart(4)} killed  ${String(row.survived).padStart(3)} survived  ${row.file}`,
  );
console.log(`reports: ${relative(root, reports)}/<package>.json (every mutant, with where it survived)`);
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// `scripts/pnpm test`: every check, each one run even when an earlier one failed, then one
// closing line that says what failed (summarize-checks.mjs). Exits non-zero when anything failed.

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { summarizeChecks } from "./summarize-checks.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// The tests read Letta's OpenAPI spec from outside the repository, where turbo cannot hash it: its
// digest goes into the test task's environment, so a changed spec is never answered from cache.
const spec = path.resolve(ROOT, "../shared/letta-openapi.json");
if (existsSync(spec)) process.env.LETTA_OPENAPI_SHA256 = createHash("sha256").update(readFileSync(spec)).digest("hex");

const STEPS = [
  // Formatting is checked, never rewritten here: `pnpm exec biome format --write .` fixes it.
  { name: "format", command: ["pnpm", "exec", "biome", "format", "."] },
  // One turbo run: tasks of different packages overlap; --continue runs every one.
  { name: "turbo", command: ["pnpm", "exec", "turbo", "run", "test", "lint", "typecheck", "--continue"] },
  { name: "packaging", command: ["node", "tooling/scripts/packaging-smoke-test.mjs"] },
  { name: "changesets", command: ["node", "tooling/scripts/check-changesets.mjs"] },
];

function run({ command }) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const tee = (stream) => (chunk) => {
      out += chunk;
      stream.write(chunk);
    };
    child.stdout.on("data", tee(process.stdout));
    child.stderr.on("data", tee(process.stderr));
    child.on("error", (error) => resolve({ status: 127, out: `${out}\n${error.message}\n` }));
    child.on("close", (code) => resolve({ status: code ?? 1, out }));
  });
}

let log = "";
const results = [];
for (const step of STEPS) {
  console.log(`\n== ${step.name}: ${step.command.join(" ")}`);
  const { status, out } = await run(step);
  log += out;
  results.push({ name: step.name, status });
  console.log(`== ${step.name}: ${status === 0 ? "ok" : `exit ${status}`}`);
}
const summary = summarizeChecks(log, results);
console.log(`\n${summary.line}`);
process.exit(summary.ok ? 0 : 1);

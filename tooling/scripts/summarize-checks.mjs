// Reads the combined output of the checks (turbo's prefixed task logs, vitest summaries, the
// packaging smoke test) and says what passed and what failed, in one closing line. Pure: the
// runner (run-checks.mjs) and its tests feed it text.

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape that starts a colour code
const ANSI = /\x1b\[[0-9;]*m/g;

/** Counts from a vitest summary row such as `Test Files  1 failed | 3 passed (4)`. */
function counts(row) {
  const out = {};
  for (const match of row.matchAll(/(\d+) (passed|failed|skipped|todo|errors?)/g)) {
    const key = match[2].startsWith("error") ? "errors" : match[2];
    out[key] = (out[key] ?? 0) + Number(match[1]);
  }
  return out;
}

/**
 * @param {string} log everything the checks printed
 * @param {{ name: string, status: number }[]} steps each step and its exit status
 */
export function summarizeChecks(log, steps) {
  const tests = { passed: 0, failed: 0, skipped: 0, failedFiles: 0, errors: 0 };
  const failedTasks = new Set();
  let packagingFailed = 0;
  for (const raw of log.replace(ANSI, "").split(/\r?\n/)) {
    // turbo prefixes each task's lines with `<package>:<task>: `
    const line = raw.replace(/^\S+:[\w:-]+: /, "");
    const row = line.trim();
    if (row.startsWith("Test Files ")) tests.failedFiles += counts(row).failed ?? 0;
    else if (row.startsWith("Tests ")) {
      const c = counts(row);
      tests.passed += c.passed ?? 0;
      tests.failed += c.failed ?? 0;
      tests.skipped += (c.skipped ?? 0) + (c.todo ?? 0);
    } else if (row.startsWith("Errors ")) tests.errors += counts(row).errors ?? 0;
    else if (/^packaging: \d+ passed/.test(row)) {
      const c = counts(row);
      tests.passed += c.passed ?? 0;
      packagingFailed += c.failed ?? 0;
    }
    // turbo's closing `Failed:    a#lint, b#test`, and each task's own `a#lint:  ERROR  command ... exited (1)`
    const failed = row.match(/^Failed:\s+(.+)$/);
    if (failed) for (const task of failed[1].split(/,\s*/)) if (task.includes("#")) failedTasks.add(task.trim());
    const errored = row.match(/^(\S+#[\w:-]+):\s+ERROR\s/);
    if (errored) failedTasks.add(errored[1]);
  }
  // Tasks turbo reports failed, grouped by kind: "lint (@openharness/letta), typecheck (...)".
  const byKind = new Map();
  for (const task of failedTasks) {
    const [pkg, kind] = task.split("#");
    byKind.set(kind, [...(byKind.get(kind) ?? []), pkg.replace(/^@openharness\//, "")].sort());
  }
  const problems = [];
  if (tests.failed) problems.push(`${tests.failed} test${tests.failed === 1 ? "" : "s"} failed`);
  if (tests.failedFiles) problems.push(`${tests.failedFiles} test file${tests.failedFiles === 1 ? "" : "s"} failed`);
  if (tests.errors) problems.push(`${tests.errors} unhandled error${tests.errors === 1 ? "" : "s"}`);
  const order = ["test", "lint", "typecheck", "build"];
  const rank = (kind) => (order.includes(kind) ? order.indexOf(kind) : order.length);
  const kinds = [...byKind].sort(([a], [b]) => rank(a) - rank(b));
  for (const [kind, pkgs] of kinds) problems.push(`${kind} failed (${pkgs.join(", ")})`);
  if (packagingFailed) problems.push(`${packagingFailed} packaging check${packagingFailed === 1 ? "" : "s"} failed`);
  const failedSteps = steps.filter((step) => step.status !== 0).map((step) => step.name);
  for (const name of failedSteps) {
    const named = problems.some((problem) => problem.startsWith(name)) || (name === "turbo" && problems.length > 0);
    if (!named) problems.push(`${name} failed`);
  }
  const ok = failedSteps.length === 0 && problems.length === 0;
  const tally = `${tests.passed} passed, ${tests.failed} failed${tests.skipped ? `, ${tests.skipped} skipped` : ""}`;
  const line = ok ? `checks: all passed; tests: ${tally}` : `checks: FAILED: ${problems.join("; ")}; tests: ${tally}`;
  return { ok, tests, failedTasks: [...failedTasks], failedSteps, line };
}

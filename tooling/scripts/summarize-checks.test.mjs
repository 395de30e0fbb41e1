import { describe, expect, it } from "vitest";
import { summarizeChecks } from "./summarize-checks.mjs";

const ok = [
  { name: "turbo", status: 0 },
  { name: "packaging", status: 0 },
  { name: "changesets", status: 0 },
];
const failing = (name) => ok.map((step) => (step.name === name ? { ...step, status: 1 } : step));

const green = [
  "@openharness/types:test:  Test Files  12 passed (12)",
  "@openharness/types:test:       Tests  150 passed (150)",
  "@openharness/letta:test:  Test Files  20 passed | 1 skipped (21)",
  "@openharness/letta:test:       Tests  265 passed | 8 skipped (273)",
  "packaging: 53 passed, 0 failed",
].join("\n");

describe("summarizeChecks", () => {
  it("adds up every runner and says all passed", () => {
    const summary = summarizeChecks(green, ok);
    expect(summary.ok).toBe(true);
    expect(summary.line).toBe("checks: all passed; tests: 468 passed, 0 failed, 8 skipped");
  });

  it("names a test file that failed to import, although every test that ran passed", () => {
    const log = [
      "@openharness/kit:test:  Test Files  1 failed | 9 passed (10)",
      "@openharness/kit:test:       Tests  151 passed (151)",
      "@openharness/kit:test:      Errors  1 error",
      "Failed:    @openharness/kit#test",
    ].join("\n");
    const summary = summarizeChecks(log, failing("turbo"));
    expect(summary.ok).toBe(false);
    expect(summary.line).toContain("1 test file failed");
    expect(summary.line).toContain("1 unhandled error");
    expect(summary.line).toContain("test failed (kit)");
    expect(summary.line).toMatch(/^checks: FAILED: /);
  });

  it("names lint and typecheck failures by package, with no test failing", () => {
    const log = [
      green,
      "@openharness/types#typecheck:  ERROR  command (/repo/packages/types) pnpm run typecheck exited (2)",
      "  Failed:    @openharness/letta#lint, @openharness/types#typecheck",
    ].join("\n");
    const summary = summarizeChecks(log, failing("turbo"));
    expect(summary.line).toBe(
      "checks: FAILED: lint failed (letta); typecheck failed (types); tests: 468 passed, 0 failed, 8 skipped",
    );
  });

  it("names the packaging and changeset steps when they fail", () => {
    const log = green.replace("packaging: 53 passed, 0 failed", "packaging: 51 passed, 2 failed");
    const steps = ok.map((step) => (step.name === "turbo" ? step : { ...step, status: 1 }));
    const summary = summarizeChecks(log, steps);
    expect(summary.line).toContain("2 packaging checks failed");
    expect(summary.line).toContain("changesets failed");
  });

  it("reads through colour codes and counts failed tests", () => {
    const log =
      "\x1b[2m@openharness/letta:test: \x1b[22m      Tests  \x1b[1m\x1b[31m2 failed\x1b[39m\x1b[22m | \x1b[32m10 passed\x1b[39m (12)";
    const summary = summarizeChecks(log, failing("turbo"));
    expect(summary.tests).toMatchObject({ passed: 10, failed: 2 });
    expect(summary.line).toMatch(/^checks: FAILED: 2 tests failed; tests: 10 passed, 2 failed$/);
  });

  it("never says all passed when a step failed without output it understands", () => {
    const summary = summarizeChecks("", failing("changesets"));
    expect(summary.ok).toBe(false);
    expect(summary.line).toBe("checks: FAILED: changesets failed; tests: 0 passed, 0 failed");
  });
});

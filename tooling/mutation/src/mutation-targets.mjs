/**
 * The core files under mutation, per package: what users' results depend on most (the Letta
 * mapping and error files, the kit's guard, collect, base class and stream invariants, the types codecs).
 */
export const MUTATION_TARGETS = [
  {
    dir: "packages/types",
    mutate: ["src/encode-sse-event.ts", "src/sse-event-decoder.ts", "src/sse-line-decoder.ts"],
  },
  {
    dir: "packages/adapter-kit",
    mutate: [
      "src/guard-event-stream.ts",
      "src/collect-result.ts",
      "src/approval-decisions.ts",
      "src/harness-adapter-base.ts",
      "src/testing/assert-stream-invariants.ts",
    ],
  },
  {
    dir: "packages/letta",
    mutate: [
      "src/map-letta-stop-reason.ts",
      "src/convert-letta-usage.ts",
      "src/redact-secret.ts",
      "src/letta-stream-cursor.ts",
      "src/map-letta-stream-error.ts",
      "src/letta-background-refusal.ts",
      "src/letta-stream-mapper.ts",
      "src/map-letta-error.ts",
    ],
  },
];

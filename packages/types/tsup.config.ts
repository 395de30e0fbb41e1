import { defineConfig } from "tsup";

export default defineConfig({
  // The errors live in their own entry so the main one stays small for browsers that only decode events.
  entry: { index: "src/index.ts", errors: "src/errors/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  // A Node-only import leaking into the contracts must fail the build, not ship.
  platform: "neutral",
});

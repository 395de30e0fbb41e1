import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
  external: ["@letta-ai/letta-client"],
  // One file instead of zod's ~95 modules and the contract packages: half the cold import (README,
  // Performance). The errors stay recognisable across copies (`isInstance`, `instanceof`), and
  // client tools take the caller's zod schemas by shape.
  noExternal: ["zod", "@openharness/types", "@openharness/adapter-kit"],
});

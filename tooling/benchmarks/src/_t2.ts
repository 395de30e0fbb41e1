import { coldImports } from "./bench-size.ts";
for (const r of coldImports(["@letta-ai/letta-client", "/work/main/node_modules/.pnpm/zod@4.6.7/node_modules/zod/index.js", "@openharness/types", "@openharness/adapter-kit", "@openharness/letta"], 7)) console.log(r.specifier, r.ms.median.toFixed(1));

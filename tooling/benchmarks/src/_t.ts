import { bundleSize, coldImports } from "./bench-size.ts";
for (const n of ["@openharness/types", "@openharness/adapter-kit", "@openharness/letta"]) console.log(await bundleSize(n));
console.log(await bundleSize("@openharness/letta", true));
console.log(JSON.stringify(coldImports(["@letta-ai/letta-client", "@openharness/letta"], 5)));

// Only `version` is imported: the bundler inlines that one string, not the whole package.json.
import { version } from "../package.json";

/** This package's version, reported as the adapter's `version`; filled from package.json at build time. */
export const VERSION: string = version;

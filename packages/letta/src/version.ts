/** This package's version, reported as the adapter's `version`. */
export const VERSION = "0.1.0";

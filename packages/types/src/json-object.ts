import * as z from "zod";

/** A JSON-like object with string keys (metadata, tool input, JSON schemas). */
export type JsonObject = Record<string, unknown>;

/** Schema for {@link JsonObject}. */
export const JsonObjectSchema = z.record(z.string(), z.unknown());

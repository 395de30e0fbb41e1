import * as z from "zod";
import { type JsonObject, JsonObjectSchema } from "./json-object";

/** The error codes OpenHarness libraries produce. Harnesses may add their own. */
export const ERROR_CODES = [
  "invalid_request",
  "capability_not_supported",
  "not_found",
  "authentication_failed",
  "permission_denied",
  "rate_limited",
  "conflict",
  "agent_busy",
  "pending_approval",
  "harness_error",
  "connection_error",
  "timeout",
  "stream_interrupted",
  "cancelled",
] as const;

/** A known error code (see {@link ERROR_CODES}). */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The serialised form of an error, as the spec's `{"error": {...}}` body carries it. */
export interface ErrorPayload {
  code: string;
  message: string;
  domain?: string;
  operation?: string;
  details?: JsonObject;
}

/** Schema for {@link ErrorPayload}. */
export const ErrorPayloadSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
  domain: z.string().optional(),
  operation: z.string().optional(),
  details: JsonObjectSchema.optional(),
});

/**
 * Where Letta's OpenAPI spec and the real server (or SDK 1.12.1, which is primary) disagree: what
 * the contract checks tolerate, and why. Each entry is narrow and names its source.
 */

type Schema = Record<string, unknown>;

/** ISO 8601 date-time (RFC 3339 with optional fractional seconds; `Z` or `±hh:mm`). */
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/;

/**
 * ALLOW-LIST 1. Letta answers many 422s through `HTTPException(status_code=422, detail="...")`
 * (e.g. "Messages must not be empty", streaming options without `streaming`, see
 * `routers/v1/agents.py::send_message`) and its request-validation handler also returns a string
 * `detail` (letta-api.md A10). The spec only documents FastAPI's default `HTTPValidationError`
 * (`detail: ValidationError[]`). A 422 whose `detail` is a string is checked against this instead.
 */
export const LETTA_STRING_DETAIL_422: Schema = {
  type: "object",
  required: ["detail"],
  properties: { detail: { type: "string" }, trace_id: { type: "string" }, examples: { type: "array" } },
};

/**
 * Error statuses the spec does not document at all (it lists only 200 and 422). Letta's exception
 * handlers (`app.py`) always answer `{"detail": <string | object>}`; the emulator is held to that.
 */
export const LETTA_ERROR_BODY: Schema = {
  type: "object",
  required: ["detail"],
  properties: { detail: { anyOf: [{ type: "string" }, { type: "object" }] } },
};

export function isStringDetail(body: unknown): boolean {
  return typeof body === "object" && body !== null && typeof (body as { detail?: unknown }).detail === "string";
}

/**
 * ALLOW-LIST 2. Letta writes `error_message` frames with `"seq_id": null` outside background mode
 * (letta-api.md B2/B3, `streaming_service.py`), while the spec (and the SDK type) declare an integer.
 * A null `seq_id` is dropped before validation; anything else is still checked.
 */
export function withoutNullSeqId(json: unknown): unknown {
  if (typeof json !== "object" || json === null || (json as { seq_id?: unknown }).seq_id !== null) return json;
  const { seq_id: _seqId, ...rest } = json as Record<string, unknown>;
  return rest;
}

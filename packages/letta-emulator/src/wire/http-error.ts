/** Letta's error answers: an error class the request handler turns into a JSON response. */

/** An error that becomes an HTTP response with a Letta-shaped JSON body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(
      typeof body === "object" && body !== null && "detail" in body
        ? String((body as { detail: unknown }).detail)
        : `HTTP ${status}`,
    );
  }
}

/** `{"detail": detail}`, Letta's usual error body. */
export function detail(status: number, message: unknown, extra: Record<string, unknown> = {}): HttpError {
  return new HttpError(status, { detail: message, ...extra });
}

export const notFound = (message: string) => detail(404, message);
export const badRequest = (message: string) => detail(400, message);
export const conflict = (message: string) => detail(409, message);
/** A 422 like Letta's `HTTPException(status_code=422, detail=...)` (a string `detail`, not FastAPI's list). */
export const unprocessable = (message: string, extra: Record<string, unknown> = {}) => detail(422, message, extra);

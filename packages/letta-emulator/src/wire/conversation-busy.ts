import { HttpError } from "./http-error.js";

/**
 * Letta's conversation-busy 409: another streamed request holds the conversation's lock. The body
 * is `ConversationBusyError` as `app.py` serves it, `{detail, run_id}` (`letta/errors.py`); the
 * holder's run id is known because every streamed run maps its otids to it (`streaming_service.py`).
 */
export function conversationBusy(runId: string): HttpError {
  return new HttpError(409, {
    detail: `CONFLICT: Cannot send a new message: Another request (run_id=${runId}) is currently being processed for this conversation. Please wait for it to complete.`,
    run_id: runId,
  });
}

import type { LettaResponse, LettaStreamingResponse } from "@letta-ai/letta-client/resources/agents/messages";

/** The synchronous response as the frames a stream would have carried. */
export function lettaResponseFrames(response: LettaResponse): LettaStreamingResponse[] {
  // Summary and compaction records are not turn output (and not in the stream union).
  const messages = response.messages.filter(
    (message): message is Extract<typeof message, LettaStreamingResponse> =>
      message.message_type !== "summary_message" && message.message_type !== "event_message",
  );
  return [
    ...messages,
    { message_type: "stop_reason", stop_reason: response.stop_reason.stop_reason },
    { ...response.usage, message_type: "usage_statistics" },
  ];
}

import type { Message } from "@letta-ai/letta-client/resources/agents/messages";
import type { EmulatorStore } from "./emulator-store.js";

/**
 * A compiled system message opening a thread's history: Letta writes one for every new agent and
 * for every new or forked conversation (`conversation_manager.py`).
 */
export function systemMessage(store: EmulatorStore, content: string): Message {
  return {
    id: `message-${store.env.uuid()}`,
    date: store.timestamp(),
    name: null,
    message_type: "system_message",
    otid: null,
    sender_id: null,
    step_id: null,
    is_err: null,
    seq_id: null,
    run_id: null,
    content,
  } as Message;
}

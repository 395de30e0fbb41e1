/**
 * Letta's `decrement_message_uuid` (`server/rest_api/utils.py`): the message id whose uuid is one
 * less. An approval request gets the id one below its step's message id, on the wire and in history.
 */
export function decrementMessageId(messageId: string): string {
  const hex = messageId.replace(/^message-/, "").replace(/-/g, "");
  const value = (BigInt(`0x${hex}`) - 1n + (1n << 128n)) % (1n << 128n);
  const digits = value.toString(16).padStart(32, "0");
  return `message-${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}

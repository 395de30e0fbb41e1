import type { Passage as LettaPassage } from "@letta-ai/letta-client/resources/passages";
import type { Passage } from "@openharness/types";

/** A Letta archival passage → an OpenHarness passage. */
export function convertLettaPassage(passage: LettaPassage): Passage {
  const converted: Passage = { id: passage.id ?? "", text: passage.text };
  if (passage.tags?.length) converted.tags = passage.tags;
  if (passage.created_at) converted.created_at = passage.created_at;
  return converted;
}

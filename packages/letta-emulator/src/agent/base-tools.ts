import type { ToolType } from "@letta-ai/letta-client/resources/tools";

/** A Letta built-in tool the emulator seeds, with Python source in Letta's style. */
export interface BaseToolDefinition {
  name: string;
  tool_type: ToolType;
  /** Attached to new agents when `include_base_tools` is true (Letta's `letta_v1_agent` defaults). */
  attachByDefault: boolean;
  source_code: string;
}

/**
 * Letta's built-in tools that the emulator knows how to execute. The Python source is abridged from
 * `letta/functions/function_sets/base.py`; the `json_schema` is derived from it by the same parser
 * custom tools go through.
 */
export const BASE_TOOLS: readonly BaseToolDefinition[] = [
  {
    name: "conversation_search",
    tool_type: "letta_core",
    attachByDefault: true,
    source_code: `def conversation_search(self: "Agent", query: Optional[str] = None, roles: Optional[List[Literal["assistant", "user", "tool"]]] = None, limit: Optional[int] = None, start_date: Optional[str] = None, end_date: Optional[str] = None) -> Optional[str]:
    """
    Search prior conversation history using hybrid search (text + semantic similarity).

    Args:
        query (Optional[str]): String to search for using both text matching and semantic similarity. If not provided, returns messages based on other filters (time range, roles).
        roles (Optional[List[Literal["assistant", "user", "tool"]]]): Optional list of message roles to filter by.
        limit (Optional[int]): Maximum number of results to return. Uses system default if not specified.
        start_date (Optional[str]): Filter results to messages created on or after this date (INCLUSIVE). ISO 8601 format: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".
        end_date (Optional[str]): Filter results to messages created on or before this date (INCLUSIVE). ISO 8601 format: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM".

    Returns:
        str: Query result string containing matching messages with timestamps and content.
    """
`,
  },
  {
    name: "memory_insert",
    tool_type: "letta_memory_core",
    attachByDefault: true,
    source_code: `def memory_insert(agent_state: "AgentState", label: str, new_str: str, insert_line: int = -1) -> Optional[str]:
    """
    The memory_insert command allows you to insert text at a specific location in a memory block.

    Args:
        label (str): Section of the memory to be edited, identified by its label.
        new_str (str): The text to insert. Do not include line number prefixes.
        insert_line (int): The line number after which to insert the text (0 for beginning of file). Defaults to -1 (end of the file).

    Returns:
        Optional[str]: None is always returned as this function does not produce a response.
    """
`,
  },
  {
    name: "memory_replace",
    tool_type: "letta_memory_core",
    attachByDefault: true,
    source_code: `def memory_replace(agent_state: "AgentState", label: str, old_str: str, new_str: str) -> str:
    """
    The memory_replace command allows you to replace a specific string in a memory block with a new string. This is used for making precise edits.
    Do NOT attempt to replace long strings, e.g. do not attempt to replace the entire contents of a memory block with a new string.

    Args:
        label (str): Section of the memory to be edited, identified by its label.
        old_str (str): The text to replace (must match exactly, including whitespace and indentation).
        new_str (str): The new text to insert in place of the old text. Do not include line number prefixes.

    Returns:
        str: The success message
    """
`,
  },
  {
    name: "memory_rethink",
    tool_type: "letta_memory_core",
    attachByDefault: false,
    source_code: `def memory_rethink(agent_state: "AgentState", label: str, new_memory: str) -> None:
    """
    The memory_rethink command allows you to completely rewrite the contents of a memory block. Use this tool to make large sweeping changes (e.g. when you want to condense or reorganize the memory blocks), do NOT use this tool to make small precise edits (e.g. add or remove a line, replace a specific string, etc).

    Args:
        label (str): The memory block to be rewritten, identified by its label.
        new_memory (str): The new memory contents with information integrated from existing memory blocks and the conversation context.

    Returns:
        None: None is always returned as this function does not produce a response.
    """
`,
  },
  {
    name: "archival_memory_insert",
    tool_type: "letta_core",
    attachByDefault: false,
    source_code: `async def archival_memory_insert(self: "Agent", content: str, tags: Optional[list[str]] = None) -> Optional[str]:
    """
    Add information to long-term archival memory for later retrieval.

    Args:
        content: The information to store. Should be clear and self-contained.
        tags: Optional list of category tags (e.g., ["meetings", "project-updates"])

    Returns:
        Confirmation message with the ID of the inserted memory.
    """
`,
  },
  {
    name: "archival_memory_search",
    tool_type: "letta_core",
    attachByDefault: false,
    source_code: `async def archival_memory_search(self: "Agent", query: str, tags: Optional[list[str]] = None, tag_match_mode: Literal["any", "all"] = "any", top_k: Optional[int] = None, start_datetime: Optional[str] = None, end_datetime: Optional[str] = None) -> Optional[str]:
    """
    Search archival memory using semantic similarity to find relevant information.

    Args:
        query: What you're looking for, described naturally (e.g., "meetings about API redesign")
        tags: Filter to memories with these tags. Use tag_match_mode to control matching.
        tag_match_mode: "any" = match memories with ANY of the tags, "all" = match only memories with ALL tags
        top_k: Maximum number of results to return (default: 10)
        start_datetime: Only return memories created after this time (ISO 8601: "2024-01-15" or "2024-01-15T14:30")
        end_datetime: Only return memories created before this time (ISO 8601 format)

    Returns:
        A list of relevant memories with IDs, timestamps, and content, ranked by similarity.
    """
`,
  },
  {
    name: "core_memory_append",
    tool_type: "letta_memory_core",
    attachByDefault: false,
    source_code: `def core_memory_append(agent_state: "AgentState", label: str, content: str) -> Optional[str]:
    """
    Append to the contents of core memory.

    Args:
        label (str): Section of the memory to be edited.
        content (str): Content to write to the memory. All unicode (including emojis) are supported.

    Returns:
        Optional[str]: None is always returned as this function does not produce a response.
    """
`,
  },
  {
    name: "core_memory_replace",
    tool_type: "letta_memory_core",
    attachByDefault: false,
    source_code: `def core_memory_replace(agent_state: "AgentState", label: str, old_content: str, new_content: str) -> Optional[str]:
    """
    Replace the contents of core memory. To delete memories, use an empty string for new_content.

    Args:
        label (str): Section of the memory to be edited.
        old_content (str): String to replace. Must be an exact match.
        new_content (str): Content to write to the memory. All unicode (including emojis) are supported.

    Returns:
        Optional[str]: None is always returned as this function does not produce a response.
    """
`,
  },
];

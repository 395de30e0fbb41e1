import type { ScriptedModel, ScriptedStep, ScriptedTurn } from "./scripted-model.js";

/** Options for {@link createMemoryChatModel}. */
export interface MemoryChatModelOptions {
  /** The core-memory block facts about the user go to. Default `"human"`. */
  blockLabel?: string;
}

interface Fact {
  /** The line written to the block, e.g. `The user's name is Sam.` */
  line: string;
  /** Single-valued facts replace an earlier line with this prefix (e.g. a new name replaces the old). */
  replacePrefix: string | null;
  /** How the reply acknowledges it, e.g. `your name is Sam`. */
  spoken: string;
}

/** `your name is Sam` → `their name is Sam` (for the agent's reasoning, which talks about the user). */
function thirdPerson(spoken: string): string {
  return spoken
    .replace(/^your /, "their ")
    .replace(/^you're /, "they're ")
    .replace(/^you (\w+)/, (_m, verb: string) => `they ${verb}`);
}

const NAME_PREFIX = "The user's name is ";
const LOCATION_PREFIX = "The user lives in ";

function clean(fragment: string): string {
  return fragment
    .replace(/\s+(?:and|but|so)\s+.*$/i, "")
    .replace(/[\s,;:]+$/, "")
    .replace(/\s+(?:now|too|also|as well|these days|currently|nowadays)$/i, "")
    .trim();
}

function titleCase(text: string): string {
  return text.replace(/\b\p{L}/gu, (c) => c.toUpperCase());
}

/** Facts the user states about themselves, in the order they appear. */
export function extractFacts(text: string): Fact[] {
  const facts: Fact[] = [];
  const clauses = text
    .split(/[.!?\n]+/)
    .flatMap((sentence) => sentence.split(/\s*(?:,|;|\band\b|\bbut\b)\s+(?=(?:i|i'm|my|call)\b)/i));
  for (const clause of clauses) {
    const s = clause.trim();
    if (!s || /^(?:what|where|who|do|does|did|can|could|how|why|when)\b/i.test(s)) continue;
    let m = /\b(?:my name is|call me)\s+([\p{L}][\p{L}'-]*(?:\s+[\p{L}][\p{L}'-]*){0,2})/iu.exec(s);
    if (m) {
      const name = titleCase(clean(m[1] ?? ""));
      facts.push({ line: `${NAME_PREFIX}${name}.`, replacePrefix: NAME_PREFIX, spoken: `your name is ${name}` });
      continue;
    }
    m = /\bi live in\s+(.+)/i.exec(s);
    if (m) {
      const place = titleCase(clean(m[1] ?? ""));
      facts.push({
        line: `${LOCATION_PREFIX}${place}.`,
        replacePrefix: LOCATION_PREFIX,
        spoken: `you live in ${place}`,
      });
      continue;
    }
    m = /\bmy fav(?:ou?)rite\s+([\p{L} ]+?)\s+is\s+(.+)/iu.exec(s);
    if (m) {
      const thing = clean(m[1] ?? "").toLowerCase();
      const value = clean(m[2] ?? "");
      const prefix = `The user's favorite ${thing} is `;
      facts.push({ line: `${prefix}${value}.`, replacePrefix: prefix, spoken: `your favorite ${thing} is ${value}` });
      continue;
    }
    m = /\bi(?:'m| am) from\s+(.+)/i.exec(s);
    if (m) {
      const place = titleCase(clean(m[1] ?? ""));
      facts.push({
        line: `The user is from ${place}.`,
        replacePrefix: "The user is from ",
        spoken: `you're from ${place}`,
      });
      continue;
    }
    m = /\bi prefer\s+(.+)/i.exec(s);
    if (m) {
      const what = clean(m[1] ?? "");
      facts.push({ line: `The user prefers ${what}.`, replacePrefix: null, spoken: `you prefer ${what}` });
      continue;
    }
    m = /\bi work (as|at|in|on)\s+(.+)/i.exec(s);
    if (m) {
      const what = clean(m[2] ?? "");
      facts.push({
        line: `The user works ${m[1]?.toLowerCase()} ${what}.`,
        replacePrefix: null,
        spoken: `you work ${m[1]?.toLowerCase()} ${what}`,
      });
      continue;
    }
    m = /\bi (?:really )?(like|love|enjoy)\s+(.+)/i.exec(s);
    if (m) {
      const verb = (m[1] ?? "like").toLowerCase();
      const what = clean(m[2] ?? "");
      facts.push({ line: `The user ${verb}s ${what}.`, replacePrefix: null, spoken: `you ${verb} ${what}` });
    }
  }
  return facts;
}

type Question = "name" | "location" | "likes" | "everything" | { favorite: string };

/** What the user asks about themselves, if anything. */
export function detectQuestion(text: string): Question | null {
  const t = text.toLowerCase();
  if (/\b(?:what(?:'s| is) my name|do you (?:know|remember) my name|who am i)\b/.test(t)) return "name";
  if (/\b(?:where do i live|where am i from|where(?:'s| is) my home)\b/.test(t)) return "location";
  const favorite = /\bwhat(?:'s| is) my fav(?:ou?)rite\s+([a-z ]+?)\s*\??$/.exec(t.trim());
  if (favorite) return { favorite: (favorite[1] ?? "").trim() };
  if (/\bwhat do i (?:like|love|enjoy|prefer)\b/.test(t)) return "likes";
  if (
    /\b(?:what do you (?:know|remember) about me|what have you (?:learned|remembered)|tell me (?:about|what you know about) me)\b/.test(
      t,
    )
  )
    return "everything";
  return null;
}

function answer(question: Question, value: string, label: string): { reasoning: string; assistant: string } {
  const lines = value
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const userLines = lines.filter((l) => l.startsWith("The user"));
  const find = (prefix: string) =>
    userLines
      .find((l) => l.startsWith(prefix))
      ?.slice(prefix.length)
      .replace(/\.$/, "");
  // Blocks edited by hand hold `Key: value` lines ("Name: Sam"), not the model's own sentences.
  const keyed = (...keys: string[]) =>
    lines
      .map((l) => /^([\p{L} ]+?)\s*:\s*(.+)$/u.exec(l))
      .find((m) => m !== null && keys.includes((m[1] ?? "").toLowerCase()))?.[2]
      ?.replace(/\.$/, "");
  const reasoning = `The user is asking about themselves. I'll answer from my ${label} memory block.`;
  if (question === "name") {
    const name = find(NAME_PREFIX) ?? keyed("name", "user", "user name", "username");
    return {
      reasoning,
      assistant: name ? `Your name is ${name}.` : "I don't know your name yet. Tell me and I'll remember it.",
    };
  }
  if (question === "location") {
    const place = find(LOCATION_PREFIX) ?? find("The user is from ") ?? keyed("location", "city", "home", "lives in");
    return { reasoning, assistant: place ? `You live in ${place}.` : "I don't know where you live yet." };
  }
  if (typeof question === "object") {
    const value =
      find(`The user's favorite ${question.favorite} is `) ??
      keyed(`favorite ${question.favorite}`, `favourite ${question.favorite}`);
    return {
      reasoning,
      assistant: value
        ? `Your favorite ${question.favorite} is ${value}.`
        : `I don't know your favorite ${question.favorite} yet.`,
    };
  }
  if (question === "likes") {
    const likes = userLines.filter((l) => /^The user (?:likes|loves|enjoys|prefers) /.test(l));
    return {
      reasoning,
      assistant:
        likes.length > 0 ? `From memory: ${likes.map(toSecondPerson).join(" ")}` : "I don't know what you like yet.",
    };
  }
  const known = userLines.length > 0 ? userLines : lines;
  return {
    reasoning,
    assistant:
      known.length > 0
        ? `Here's what I remember about you: ${known.map(toSecondPerson).join(" ")}`
        : "I don't know anything about you yet.",
  };
}

function toSecondPerson(line: string): string {
  return line
    .replace(/^The user's /, "Your ")
    .replace(
      /^The user (likes|loves|enjoys|prefers|lives|works)\b/,
      (_m, verb: string) => `You ${verb.replace(/s$/, "")}`,
    )
    .replace(/^The user is /, "You're ");
}

/** The name of a client tool of this request that tells the time (`local_time`, `current_time`, ...). */
function clientClock(turn: ScriptedTurn): string | undefined {
  const tools = Array.isArray(turn.request.client_tools) ? (turn.request.client_tools as { name?: unknown }[]) : [];
  return tools.map((tool) => tool.name).find((name): name is string => typeof name === "string" && /time/i.test(name));
}

/**
 * A deterministic model that tells Letta's memory story truthfully: when the user states a fact
 * about themselves ("my name is Sam", "I live in Lisbon", "I prefer short answers", "I like tea")
 * it reasons, calls `memory_insert` (or `memory_replace` for a changed name or place) on the
 * `human` block, and acknowledges; when asked ("what's my name?", "what do you know about me?",
 * "where do I live?") it answers from that block; asked the time while the request offers a
 * client tool with "time" in its name, it calls that tool; otherwise it replies briefly, saying
 * it is scripted. The same input and memory always give the same steps.
 */
export function createMemoryChatModel(options: MemoryChatModelOptions = {}): ScriptedModel {
  const label = options.blockLabel ?? "human";
  return (turn: ScriptedTurn): ScriptedStep[] => {
    const block = turn.blocks.find((b) => b.label === label);
    if (turn.toolReturns.length > 0) {
      const summary = turn.toolReturns
        .map((r) => `${r.name} ${r.status === "success" ? "returned" : "failed with"} ${r.tool_return}`)
        .join("; ");
      return [{ reasoning: "The tool results are in; I'll report them.", assistant: `Done. ${summary}` }];
    }
    const text = turn.input.trim();
    const clock = clientClock(turn);
    if (clock && /\bwhat(?:'s| is)? (?:the )?time\b|\bwhat time\b/i.test(text)) {
      return [
        {
          reasoning: `The user asks for the time; the app gave me ${clock}, so I'll call it.`,
          toolCalls: [{ name: clock, arguments: {} }],
        },
      ];
    }
    const facts = extractFacts(text);
    const question = detectQuestion(text);
    if (facts.length === 0) {
      if (question) {
        const reply = answer(question, block?.value ?? "", label);
        return [{ reasoning: reply.reasoning, assistant: reply.assistant }];
      }
      if (/^(?:hi|hello|hey|good (?:morning|afternoon|evening))\b/i.test(text)) {
        return [
          {
            reasoning: "The user greeted me. I'll say hello and explain what I can do.",
            assistant:
              "Hi! I'm a scripted Letta agent running on the OpenHarness emulator. Tell me about yourself and I'll remember it.",
          },
        ];
      }
      return [
        {
          reasoning: "Nothing to remember here; I'll reply briefly.",
          assistant:
            "I'm a scripted stand-in for an LLM, so my answers are simple, but I do remember what you tell me about yourself.",
        },
      ];
    }
    if (!block) {
      return [
        {
          reasoning: `The user shared something about themselves, but I have no "${label}" memory block to store it in.`,
          assistant: `I'd like to remember that, but I don't have a "${label}" memory block.`,
        },
      ];
    }
    if (block.read_only) {
      return [
        {
          reasoning: `The user shared something about themselves, but my "${label}" block is read-only.`,
          assistant: `I can't save that: my "${label}" memory block is read-only.`,
        },
      ];
    }
    const steps: ScriptedStep[] = [];
    let value = block.value;
    const saved: string[] = [];
    for (const fact of facts) {
      if (value.split("\n").some((l) => l.trim() === fact.line)) continue;
      const previous = fact.replacePrefix
        ? value
            .split("\n")
            .map((l) => l.trim())
            .find((l) => l.startsWith(fact.replacePrefix ?? ""))
        : undefined;
      if (previous) {
        steps.push({
          reasoning: `The user corrected something I knew: ${thirdPerson(fact.spoken)}. I'll update my ${label} memory block.`,
          toolCalls: [{ name: "memory_replace", arguments: { label, old_str: previous, new_str: fact.line } }],
        });
        value = value.replace(previous, fact.line);
      } else {
        steps.push({
          reasoning: `The user told me ${thirdPerson(fact.spoken)}. I'll save it to my ${label} memory block.`,
          toolCalls: [{ name: "memory_insert", arguments: { label, new_str: fact.line } }],
        });
        value = value.trim().length === 0 ? fact.line : `${value}\n${fact.line}`;
      }
      saved.push(fact.spoken);
    }
    const name = facts
      .find((f) => f.replacePrefix === NAME_PREFIX)
      ?.line.slice(NAME_PREFIX.length)
      .replace(/\.$/, "");
    let reply =
      saved.length === 0
        ? "I already knew that."
        : name && saved.length === 1
          ? `Nice to meet you, ${name}! I'll remember that.`
          : `Got it! I'll remember that ${saved.join(" and ")}.`;
    if (question) reply += ` ${answer(question, value, label).assistant}`;
    steps.push({
      reasoning: saved.length === 0 ? "Nothing new to store." : "Memory updated; I'll acknowledge it.",
      assistant: reply,
    });
    return steps;
  };
}

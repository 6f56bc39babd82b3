import { InputError } from '../../errors.js';
import type { ChatMessage } from '../wire/request.js';
import type { Tokenizer } from '../wire/tokens.js';

/** One prompt to send, and the output length to ask for when the source says. */
export interface PromptSpec {
  messages: ChatMessage[];
  maxTokens?: number;
}

// Common words; those that are one o200k_base token with a leading space make up synthetic prompts.
const CANDIDATES = `time year people way day man thing woman life child world school state family student group country
problem hand part place case week company system program question work government number night point home water room
mother area money story fact month lot right study book eye job word business issue side kind head house service friend
father power hour game line end member law car city community name president team minute idea kid body information back
parent face others level office door health person art war history party result change morning reason research girl guy
moment air teacher force education foot boy age policy process music market sense nation plan college interest death
experience effect use class control care field development role effort rate heart drug show leader light voice wife police
mind price report decision son view relationship town road arm difference value building action model season society tax
director position player record paper space ground form event official matter center couple site project activity star
table need court oil situation cost industry figure street image phone data picture practice piece land product doctor wall`;

/** Words usable for synthetic prompts: one token each with the leading space. */
export function promptWords(tok: Tokenizer): string[] {
  return CANDIDATES.split(/\s+/).filter(Boolean).map((w) => ` ${w}`).filter((w) => tok.count(w) === 1);
}

/**
 * A synthetic user message of exactly `tokens` tokens (content only, by `tok`; the chat template adds a
 * few), words drawn with `random` so prompts differ and no prefix cache makes them look fast.
 */
export function syntheticPrompt(tok: Tokenizer, words: string[], tokens: number, random: () => number): string {
  const parts: string[] = [];
  for (let i = 0; i < tokens; i++) parts.push(words[Math.floor(random() * words.length)]!);
  let text = parts.join('').trimStart();
  // Trimming the first space can merge nothing but may change one count: check and repair exactly.
  for (let guard = 0; guard < 8; guard++) {
    const n = tok.count(text);
    if (n === tokens) return text;
    text = n < tokens ? `${text}${words[0]}` : text.slice(0, text.lastIndexOf(' '));
  }
  return text;
}

function where(file: string, line?: number): string {
  return line === undefined ? file : `${file} line ${line}`;
}

function fromObject(v: unknown, file: string, line?: number): PromptSpec {
  if (typeof v === 'string' && v.trim()) return { messages: [{ role: 'user', content: v }] };
  const o = v as Record<string, unknown> | null;
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    const max = o.max_tokens ?? o.output_tokens;
    if (max !== undefined && !(typeof max === 'number' && Number.isSafeInteger(max) && max >= 1)) {
      throw new InputError(`${where(file, line)}: max_tokens must be a whole number of at least 1, got ${JSON.stringify(max)}`);
    }
    const maxTokens = max as number | undefined;
    if (typeof o.prompt === 'string' && o.prompt.trim()) return { messages: [{ role: 'user', content: o.prompt }], maxTokens };
    if (Array.isArray(o.messages) && o.messages.length > 0 && o.messages.every((m) => typeof m?.role === 'string' && typeof m?.content === 'string')) {
      return { messages: o.messages.map((m: { role: string; content: string }) => ({ role: m.role, content: m.content })), maxTokens };
    }
  }
  throw new InputError(`${where(file, line)}: expected a prompt string, {"prompt": "..."} or {"messages": [{"role", "content"}...]}, got ${JSON.stringify(v)?.slice(0, 80)}`);
}

/** A JSONL file: one prompt per line (string, {prompt}, or {messages}); blank lines skipped. */
export function parsePromptsJsonl(text: string, file: string): PromptSpec[] {
  const out: PromptSpec[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (err) {
      throw new InputError(`${where(file, i + 1)}: not valid JSON (${(err as Error).message})`, { suggestion: 'each line must be one JSON value: "text", {"prompt": "..."} or {"messages": [...]}' });
    }
    out.push(fromObject(v, file, i + 1));
  });
  if (out.length === 0) throw new InputError(`${file}: no prompts found (the file is empty)`);
  return out;
}

/**
 * A ShareGPT-style JSON file: `[{ conversations: [{ from: "human", value }, { from: "gpt", value }] }]`.
 * The first human turn is the prompt; the first reply's length (by `tok`) becomes max_tokens.
 */
export function parseShareGpt(data: unknown, file: string, tok: Tokenizer): PromptSpec[] {
  if (!Array.isArray(data)) throw new InputError(`${file}: expected a JSON array of conversations (ShareGPT) or a JSONL file of prompts`);
  const out: PromptSpec[] = [];
  data.forEach((entry, i) => {
    const conv = (entry as { conversations?: unknown })?.conversations;
    if (!Array.isArray(conv)) {
      // Plain arrays of prompts are accepted too.
      out.push(fromObject(entry, `${file} item ${i}`));
      return;
    }
    const human = conv.find((t) => (t as { from?: unknown })?.from === 'human' || (t as { from?: unknown })?.from === 'user') as { value?: unknown } | undefined;
    const reply = conv.find((t) => (t as { from?: unknown })?.from === 'gpt' || (t as { from?: unknown })?.from === 'assistant') as { value?: unknown } | undefined;
    if (typeof human?.value !== 'string' || !human.value.trim()) return;
    const replyTokens = typeof reply?.value === 'string' ? tok.count(reply.value) : 0;
    out.push({ messages: [{ role: 'user', content: human.value }], maxTokens: replyTokens > 0 ? replyTokens : undefined });
  });
  if (out.length === 0) throw new InputError(`${file}: no usable conversation (each needs a turn with from "human" and a non-empty value)`);
  return out;
}

/** Read a prompts file's text by its shape: a JSON array (ShareGPT or prompts) or JSONL. */
export function parsePromptsFile(text: string, file: string, tok: Tokenizer): PromptSpec[] {
  const trimmed = text.trimStart();
  if (!trimmed) throw new InputError(`${file}: the prompts file is empty`);
  if (trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new InputError(`${file}: starts like a JSON array but does not parse (${(err as Error).message})`);
    }
    return parseShareGpt(data, file, tok);
  }
  return parsePromptsJsonl(text, file);
}

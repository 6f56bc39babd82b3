// Text from files, flags and APIs reaches a terminal: control characters in it could retitle or clear
// the terminal, move the cursor or reorder what is shown (bidi overrides). They are printed as escapes.

// C0 controls but tab and newline, DEL, C1 controls (0x9b is an 8-bit CSI), and the bidi embedding,
// override and isolate characters.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.codePointAt(0)!;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every unsafe character written as a visible escape (`\x1b`); tab and newline kept. */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** JSON text with the characters JSON.stringify leaves raw (DEL, C1, bidi) written as \u escapes: still valid JSON. */
export function escapeJsonControl(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

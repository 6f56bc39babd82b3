// Node 20's JSON.parse often omits the position ("Unexpected token '}', ... is not valid JSON"), and the
// house rule is that a bad file's message says where. This scanner runs only after JSON.parse failed.

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const STRING_BODY = /(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;

/** Offset of the first character that makes `text` invalid JSON, or null when it is valid. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const expect = (ch: string): void => {
    ws();
    if (text[i] !== ch) throw i;
    i++;
  };
  const string = (): void => {
    expect('"');
    STRING_BODY.lastIndex = i;
    STRING_BODY.exec(text);
    i = STRING_BODY.lastIndex;
    if (text[i] !== '"') throw i;
    i++;
  };
  const list = (close: string, item: () => void): void => {
    i++;
    ws();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      ws();
      if (text[i] === close) return void i++;
      expect(',');
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return list('}', () => (string(), expect(':'), value()));
    if (c === '[') return list(']', value);
    if (c === '"') return string();
    NUMBER.lastIndex = i;
    if (!NUMBER.exec(text)) throw i;
    i = NUMBER.lastIndex;
  };
  try {
    value();
    ws();
    return i < text.length ? i : null;
  } catch (offset) {
    // Anything but an offset (a stack overflow on absurd nesting) means "position unknown".
    return typeof offset === 'number' ? offset : null;
  }
}

/** 1-based line and column of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** " at line L, column C" of the first error in `text`, or "" when the position is unknown: for messages. */
export function jsonErrorWhere(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset === null) return '';
  const { line, column } = lineAndColumn(text, offset);
  return ` at line ${line}, column ${column}`;
}

// Terminal text helpers: display width of CJK text (two columns per wide character), and
// removal of control characters so text from a report can never drive the terminal.

// East Asian Wide and Fullwidth ranges (enough for Chinese reports: CJK, punctuation, full-width forms).
const WIDE: readonly [number, number][] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd],
];

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

function wide(cp: number): boolean {
  if (cp < 0x1100) return false;
  for (const [a, b] of WIDE) if (cp >= a && cp <= b) return true;
  return false;
}

export function displayWidth(s: string): number {
  const text = s.indexOf('\u001b') < 0 ? s : s.replace(ANSI, '');
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x1100) {
      w++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++; // a surrogate pair is one character
    w += wide(cp) ? 2 : 1;
  }
  return w;
}

/** Cut text to a display width, ending in … when cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  for (const ch of s) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

// C0 and C1 controls (ESC, CR, LF…), DEL, and the bidirectional controls (embeddings, overrides,
// isolates, marks) that reorder what a terminal shows.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Replace control and bidi characters with spaces: text from a report or a file name is data, not terminal commands. */
export function printable(s: string): string {
  UNPRINTABLE.lastIndex = 0;
  return UNPRINTABLE.test(s) ? s.replace(UNPRINTABLE, ' ') : s;
}

/** A plain text table: header row, rows, right-aligned numeric columns. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header.map(String), ...rows.map((r) => r.map(String))];
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === 'number'));
  const widths = header.map((_, i) => cells.reduce((w, r) => Math.max(w, displayWidth(r[i] ?? '')), 0));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (numeric[i] ? padStart(c, widths[i]!) : padEnd(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n') + '\n';
}

// Chinese punctuation that may not begin a line (it closes or follows what stands before it).
const NO_LINE_START = /^[，。、；：？！）》」』”’〉】…%]$/;

/**
 * Wrap text to a display width: at spaces, or between any two CJK characters, never before a closing
 * punctuation mark (the character before it goes down with it). A word wider than the line is cut, or with
 * `cut: false` kept whole on a line of its own.
 */
export function wrap(text: string, width: number, cut = true): string[] {
  const tokens = text.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+|\s+/g) ?? [];
  const lines: string[] = [];
  let line: string[] = [];
  const joined = () => line.join('');
  for (const tok of tokens) {
    if (/^\s+$/.test(tok)) {
      if (line.length) line.push(' ');
      continue;
    }
    if (line.length && displayWidth(joined() + tok) > width) {
      // Carry the last character down with a mark that may not start a line.
      const closing = NO_LINE_START.test(tok) || /^[`)\],.;:!?%]/.test(tok);
      const carry = closing && line.length > 1 && line.at(-1) !== ' ' ? [line.pop()!] : [];
      lines.push(joined().trimEnd());
      line = carry;
    }
    line.push(cut && displayWidth(tok) > width ? truncate(tok, width) : tok);
  }
  if (joined().trim()) lines.push(joined().trimEnd());
  return lines;
}

// The compiled report as JSON, written section by section while the compiler runs (docs/architecture.md, "Streaming":
// a 100× report's tree and one JSON string of it would not fit the memory budget). The bytes
// are exactly JSON.stringify(report, null, 2) + "\n" (or the compact form): test/stream.test.ts.
// Each piece is validated against the schema before it is written (validate.ts).
import type { ReportHead, ReportSink } from '../compile.js';
import type { Report, Section } from '../model.js';
import type { Output } from '../output.js';
import { SCHEMA_ID } from '../constants.js';
import { assertValidReport, assertValidSection } from '../validate.js';

export interface ReportWriter extends ReportSink {
  /** Writes the diagnostics and summary of the report compileSource returned, and the closing brace. */
  finish(report: Report): void;
}

export function reportWriter(out: Output, options: { compact?: boolean } = {}): ReportWriter {
  const json = options.compact ? COMPACT : PRETTY;
  const sep = ',' + json.nl;
  let head: ReportHead | undefined;
  let sections = 0;
  // Pretty JSON into an output that takes bytes: every piece written straight as UTF-8 into one buffer (ByteWriter),
  // handed over in chunks larger than the output's own buffer, so that it passes them on without a copy.
  const bytes = !options.compact && out.writeBytes ? new ByteWriter(out.writeBytes, 1 << 17) : undefined;
  const write = bytes ? (text: string) => bytes.text(text) : (text: string) => out.write(text);
  const leaf: Leaf = (value, indent) => write(json.leaf(value, indent));
  const key = (k: string, value: unknown) => `${json.step}${JSON.stringify(k)}${json.colon}${json.leaf(value, json.step)}`;
  return {
    head(h) {
      head = h;
      // The document names its schema, so editors and validators find it.
      write(
        '{' +
          json.nl +
          Object.entries({ $schema: SCHEMA_ID, ...h })
            .map(([k, v]) => key(k, v) + sep)
            .join('') +
          `${json.step}"sections"${json.colon}[`,
      );
    },
    section(section: Section, index: number) {
      assertValidSection(head!, section, index);
      const indent = json.step + json.step;
      write((sections++ ? ',' : '') + json.nl + indent);
      if (bytes) {
        bytes.value(section, 2);
        bytes.flush();
        return;
      }
      // A task in one string, unless it is large: then down to its indicators, so that no string outgrows one
      // indicator's JSON (a task may have thousands). Pieces for every task made ~10x as many strings (10x corpus 1.9 -> 1.5 s).
      writeValue(section, indent, 8, json, write, leaf, smallTask);
    },
    finish(report: Report) {
      if (!head) throw new Error('internal error: report written without its head');
      assertValidReport({ ...report, sections: [] });
      const close = sections ? json.nl + json.step + ']' : ']';
      // A large report has tens of thousands of diagnostics: one piece each, too.
      const layouts = report.layouts ? key('layouts', report.layouts) + sep : '';
      write(close + sep + layouts + `${json.step}"diagnostics"${json.colon}`);
      if (bytes) bytes.value(report.diagnostics, 1);
      else writeValue(report.diagnostics, json.step, 1, json, write, leaf);
      write(sep + key('summary', report.summary) + json.nl + '}\n');
      bytes?.flush();
    },
  };
}

interface Layout {
  /** Line break and one level of indentation: empty when compact. */
  nl: string;
  step: string;
  colon: string;
  /** A value written whole, at the given indentation. */
  leaf(value: unknown, indent: string): string;
}

const PRETTY: Layout = {
  nl: '\n',
  step: '  ',
  colon: ': ',
  leaf: nested,
};
/**
 * JSON.stringify(value, null, 2) as it reads at that indentation inside a larger document: the value is
 * stringified inside as many one-element arrays as indentation levels, whose brackets are then cut off
 * (JSON.stringify indents natively; ~25% faster than re-indenting its output line by line).
 */
function nested(value: unknown, indent: string): string {
  const k = indent.length / 2;
  let wrapped = value;
  for (let i = 0; i < k; i++) wrapped = [wrapped];
  const s = JSON.stringify(wrapped, null, 2);
  // k opening lines "[" at indentation 0, 2, … then the value's own indentation; k closing lines.
  return s.slice(k * k + 3 * k, s.length - (k * k + k));
}

const COMPACT: Layout = { nl: '', step: '', colon: ':', leaf: (value) => JSON.stringify(value) };

/** A task of at most SMALL_TASK indicators: written as one string. */
const SMALL_TASK = 64;
function smallTask(value: object): boolean {
  const items = (value as { items?: unknown }).items;
  if (!Array.isArray(items)) return false;
  let n = 0;
  for (const item of items as { indicators?: unknown[] }[]) n += item.indicators?.length ?? 0;
  return n <= SMALL_TASK;
}

/**
 * JSON.stringify's output for plain data, written in pieces: containers down to `depth`, then whole values
 * (and whole wherever `whole` says so).
 */
function writeValue(
  value: unknown,
  indent: string,
  depth: number,
  json: Layout,
  write: (s: string) => void,
  leaf: Leaf,
  whole?: (value: object) => boolean,
): void {
  if (depth === 0 || value === null || typeof value !== 'object' || whole?.(value)) return leaf(value, indent);
  const inner = indent + json.step;
  if (Array.isArray(value)) {
    if (!value.length) return write('[]');
    write('[');
    value.forEach((v, i) => {
      write((i ? ',' : '') + json.nl + inner);
      writeValue(v === undefined || typeof v === 'function' ? null : v, inner, depth - 1, json, write, leaf, whole);
    });
    return write(json.nl + indent + ']');
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
  if (!entries.length) return write('{}');
  write('{');
  entries.forEach(([k, v], i) => {
    write((i ? ',' : '') + json.nl + inner + JSON.stringify(k) + json.colon);
    writeValue(v, inner, depth - 1, json, write, leaf, whole);
  });
  write(json.nl + indent + '}');
}

/** Writes a value whole at the given indentation. */
type Leaf = (value: unknown, indent: string) => void;

/**
 * JSON.stringify(value, null, 2) at an indentation, as UTF-8 bytes written straight into a reused buffer: no JSON
 * string is made (V8 builds one in parts and any consumer copies it flat: ~20% of a compile's allocation), and the
 * indentation is written with the keys instead of found again in the text. Plain data only, as JSON.stringify
 * writes it: keys in their own order, a property that is undefined, a function or a symbol left out (null in an
 * array), a number that is not finite as null, strings escaped only where they need it (a quote, a backslash, a
 * control character or a lone surrogate: then JSON.stringify writes that string). test/stream.test.ts compares the
 * bytes with JSON.stringify on random values.
 */
export function indentedLeaf(writeBytes: (bytes: Uint8Array) => void): Leaf {
  const w = new ByteWriter(writeBytes);
  return (value, indent) => {
    w.value(value, indent.length / 2);
    w.flush();
  };
}

const encoder = new TextEncoder();

function keyBytes(text: string): KeyBytes {
  const bytes = encoder.encode(text);
  const words = new Uint32Array((bytes.length + 3) >> 2);
  for (let i = 0; i < bytes.length; i++) words[i >> 2]! |= bytes[i]! << (8 * (i & 3));
  return { words, length: bytes.length };
}
// A key as written after a line break at some depth: the break, the indentation, the quoted key and ": ".
const MAX_KEYS = 4096;

/** A key's line start (see keyAt): its bytes as little-endian 32-bit words, the last one padded, and its length. */
interface KeyBytes {
  words: Uint32Array;
  length: number;
}

const SPACES = 0x20202020;

// Strings from this length on are encoded natively when they hold nothing JSON escapes and no surrogate (which the
// loop writes as JSON.stringify does, a lone one escaped): one scan by a compiled pattern and one native call
// cost less than the loop from ~16 characters (writer alone, 10× report, same process, alternating: 0.93× CPU).
const NATIVE_FROM = 24;
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE_OR_SURROGATE = /["\\\u0000-\u001f\ud800-\udfff]/;

class ByteWriter {
  // A Buffer, for its native UTF-8 encoder (write).
  private buf: Buffer;
  // Words are written 4 bytes at a time through a view, up to 3 bytes past the end of what is written (room keeps
  // 4 bytes spare for that; the next bytes overwrite them, and only buf[0, pos) is handed over).
  private view: DataView;
  private pos = 0;
  /** Per key, its bytes at each depth (see keyAt). */
  private keys = new Map<string, KeyBytes[]>();

  constructor(
    private readonly writeBytes: (bytes: Uint8Array) => void,
    size = 1 << 16,
  ) {
    this.buf = Buffer.alloc(size);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  }

  flush(): void {
    if (this.pos === 0) return;
    const bytes = this.buf.subarray(0, this.pos);
    this.pos = 0;
    this.writeBytes(bytes);
  }

  /** Room for `need` more bytes: the buffer handed over when full, grown when too small. */
  private room(need: number): void {
    if (this.pos + need + 4 <= this.buf.length) return;
    this.flush();
    if (need + 4 > this.buf.length) {
      let size = this.buf.length;
      while (size < need + 4) size *= 2;
      this.buf = Buffer.alloc(size);
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    }
  }

  value(v: unknown, depth: number): void {
    switch (typeof v) {
      case 'string':
        return this.string(v);
      case 'number':
        return this.number(v);
      case 'boolean':
        return this.ascii(v ? 'true' : 'false');
      case 'object':
        if (v === null) return this.ascii('null');
        if (Array.isArray(v)) return this.array(v, depth);
        if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return this.other(v, depth);
        return this.object(v as Record<string, unknown>, depth);
      case 'bigint':
        return this.other(v, depth); // throws, as JSON.stringify does
      default:
        return this.ascii('null'); // undefined, a function or a symbol in an array (or alone: JSON.stringify gives no text)
    }
  }

  private object(o: Record<string, unknown>, depth: number): void {
    // Plain objects only, whose for-in keys are their own enumerable keys in JSON.stringify's order.
    const proto: unknown = Object.getPrototypeOf(o);
    if (proto !== Object.prototype && proto !== null) return this.other(o, depth);
    this.room(1);
    this.buf[this.pos++] = 0x7b;
    let first = true;
    for (const k in o) {
      const v = o[k];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      const key = this.keyAt(k, depth + 1);
      this.room(key.length + 1);
      let pos = this.pos;
      if (!first) this.buf[pos++] = 0x2c;
      first = false;
      const words = key.words;
      const view = this.view;
      for (let i = 0; i < words.length; i++) view.setUint32(pos + 4 * i, words[i]!, true);
      this.pos = pos + key.length;
      this.value(v, depth + 1);
    }
    if (!first) this.newline(depth);
    this.room(1);
    this.buf[this.pos++] = 0x7d;
  }

  private array(a: readonly unknown[], depth: number): void {
    const n = a.length;
    this.room(2);
    this.buf[this.pos++] = 0x5b;
    if (n === 0) {
      this.buf[this.pos++] = 0x5d;
      return;
    }
    for (let i = 0; i < n; i++) {
      if (i) {
        this.room(1);
        this.buf[this.pos++] = 0x2c;
      }
      this.newline(depth + 1);
      this.value(a[i], depth + 1);
    }
    this.newline(depth);
    this.room(1);
    this.buf[this.pos++] = 0x5d;
  }

  private newline(depth: number): void {
    this.room(1 + 2 * depth);
    const pos = this.pos;
    this.buf[pos] = 10;
    const view = this.view;
    for (let k = 0; k < 2 * depth; k += 4) view.setUint32(pos + 1 + k, SPACES, true);
    this.pos = pos + 1 + 2 * depth;
  }

  /** A key's line start at a depth: line break, indentation, the key as JSON, ": " (kept for the keys seen first). */
  private keyAt(k: string, depth: number): KeyBytes {
    let atDepth = this.keys.get(k);
    if (atDepth === undefined) {
      atDepth = [];
      if (this.keys.size < MAX_KEYS) this.keys.set(k, atDepth);
    }
    return (atDepth[depth] ??= keyBytes('\n' + '  '.repeat(depth) + JSON.stringify(k) + ': '));
  }

  /** A string as JSON.stringify writes it, encoded as it is copied (three bytes at most for each UTF-16 unit). */
  private string(s: string): void {
    const n = s.length;
    this.room(3 * n + 2);
    const buf = this.buf;
    const start = this.pos;
    let pos = start;
    buf[pos++] = 0x22;
    if (n >= NATIVE_FROM && !NEEDS_ESCAPE_OR_SURROGATE.test(s)) {
      // A longer string with nothing to escape (most descriptions): Node's encoder, faster than the loop below.
      pos += buf.write(s, pos);
      buf[pos++] = 0x22;
      this.pos = pos;
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c === 0x22 || c === 0x5c) return this.escaped(s, start);
        buf[pos++] = c;
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[pos++] = 0x80 | (c & 0x3f);
      } else {
        const d = s.charCodeAt(i + 1);
        if (c > 0xdbff || !(d >= 0xdc00 && d <= 0xdfff)) return this.escaped(s, start); // a lone surrogate
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        buf[pos++] = 0xf0 | (cp >> 18);
        buf[pos++] = 0x80 | ((cp >> 12) & 0x3f);
        buf[pos++] = 0x80 | ((cp >> 6) & 0x3f);
        buf[pos++] = 0x80 | (cp & 0x3f);
        i++;
      }
    }
    buf[pos++] = 0x22;
    this.pos = pos;
  }

  /** A string that needs escapes, from its start again: as JSON.stringify writes it. */
  private escaped(s: string, start: number): void {
    this.pos = start;
    this.text(JSON.stringify(s));
  }

  private number(v: number): void {
    if (v >= 0 && v <= 0x3fffffff && v === (v | 0)) {
      // Digits of a small whole number (lines, columns, counts), without a string.
      this.room(10);
      const buf = this.buf;
      let digits = 1;
      for (let x = v; x >= 10; x = (x / 10) | 0) digits++;
      let pos = this.pos + digits;
      this.pos = pos;
      let x = v;
      do {
        buf[--pos] = 0x30 + (x % 10);
        x = (x / 10) | 0;
      } while (x > 0);
      return;
    }
    this.ascii(Number.isFinite(v) ? String(v) : 'null');
  }

  private ascii(t: string): void {
    this.room(t.length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < t.length; i++) buf[pos++] = t.charCodeAt(i);
    this.pos = pos;
  }

  /** Any text, UTF-8 encoded (copied as it is while it is ASCII, as the pieces between values are). */
  text(t: string): void {
    const n = t.length;
    this.room(3 * n);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < n; i++) {
      const c = t.charCodeAt(i);
      if (c >= 0x80) {
        this.pos += encoder.encodeInto(t, buf.subarray(this.pos)).written;
        return;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  /** What plain data does not hold (toJSON, bigint): JSON.stringify's own text, at this depth. */
  private other(v: unknown, depth: number): void {
    this.text(nested(v, '  '.repeat(depth)));
  }
}

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
  // Tasks and diagnostics, the bulk of the document: as bytes re-indented from compact JSON where the output takes bytes.
  const leaf: Leaf =
    !options.compact && out.writeBytes ? indentedLeaf(out.writeBytes) : (value, indent) => out.write(json.leaf(value, indent));
  const key = (k: string, value: unknown) => `${json.step}${JSON.stringify(k)}${json.colon}${json.leaf(value, json.step)}`;
  return {
    head(h) {
      head = h;
      // The document names its schema, so editors and validators find it.
      out.write(
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
      out.write((sections++ ? ',' : '') + json.nl + indent);
      // A task in one string, unless it is large: then down to its indicators, so that no string outgrows one
      // indicator's JSON (a task may have thousands). Pieces for every task made ~10x as many strings (10x corpus 1.9 -> 1.5 s).
      writeValue(section, indent, 8, json, out.write, leaf, smallTask);
    },
    finish(report: Report) {
      if (!head) throw new Error('internal error: report written without its head');
      assertValidReport({ ...report, sections: [] });
      const close = sections ? json.nl + json.step + ']' : ']';
      // A large report has tens of thousands of diagnostics: one piece each, too.
      const layouts = report.layouts ? key('layouts', report.layouts) + sep : '';
      out.write(close + sep + layouts + `${json.step}"diagnostics"${json.colon}`);
      writeValue(report.diagnostics, json.step, 1, json, out.write, leaf);
      out.write(sep + key('summary', report.summary) + json.nl + '}\n');
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
 * JSON.stringify(value, null, 2) at an indentation, as UTF-8 bytes: the compact JSON (a third of the characters,
 * so a third of the text to build, flatten and encode) encoded, then indented byte by byte outside strings. Both
 * forms escape and format values alike; the pretty one only adds a line break and the indentation after `{`, `[`
 * and `,`, before a closing `}` or `]` (none inside an empty `{}` or `[]`) and a space after `:`.
 */
export function indentedLeaf(writeBytes: (bytes: Uint8Array) => void): Leaf {
  const encoder = new TextEncoder();
  let text = new Uint8Array(1 << 16);
  const out = { bytes: new Uint8Array(1 << 16), used: 0 };
  return (value, indent) => {
    const json = JSON.stringify(value);
    if (json.length * 3 > text.length) text = new Uint8Array(json.length * 3 + (1 << 10));
    const n = encoder.encodeInto(json, text).written;
    indentJson(text, n, indent.length / 2, out, writeBytes);
    writeBytes(out.bytes.subarray(0, out.used));
    out.used = 0;
  };
}

/** Compact JSON in src[0, n) written indented, at `depth` levels, into out (handed to writeBytes whenever full). */
function indentJson(
  src: Uint8Array,
  n: number,
  depth: number,
  out: { bytes: Uint8Array; used: number },
  writeBytes: (bytes: Uint8Array) => void,
): void {
  const buf = out.bytes;
  const cap = buf.length;
  let pos = out.used;
  for (let i = 0; i < n;) {
    // Room for one character and a line break with its indentation.
    if (pos + 8 + 2 * depth > cap) {
      writeBytes(buf.subarray(0, pos));
      pos = 0;
    }
    const c = src[i]!;
    if (c === 0x22) {
      // A string, up to its closing quote (any `\` escapes the next byte): copied as it is.
      let j = i + 1;
      for (let d = src[j]; d !== 0x22; d = src[++j]) if (d === 0x5c) j++;
      j++;
      if (j - i > cap - pos) {
        writeBytes(buf.subarray(0, pos));
        pos = 0;
        if (j - i > cap) {
          writeBytes(src.subarray(i, j));
          i = j;
          continue;
        }
      }
      if (j - i < 32) while (i < j) buf[pos++] = src[i++]!;
      else {
        buf.set(src.subarray(i, j), pos);
        pos += j - i;
        i = j;
      }
      continue;
    }
    i++;
    if (c === 0x7b || c === 0x5b) {
      buf[pos++] = c;
      const e = src[i];
      if (e === 0x7d || e === 0x5d) {
        buf[pos++] = e;
        i++;
        continue;
      }
      depth++;
      buf[pos++] = 10;
      for (let k = 2 * depth; k > 0; k--) buf[pos++] = 32;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
      buf[pos++] = 10;
      for (let k = 2 * depth; k > 0; k--) buf[pos++] = 32;
      buf[pos++] = c;
    } else if (c === 0x2c) {
      buf[pos++] = c;
      buf[pos++] = 10;
      for (let k = 2 * depth; k > 0; k--) buf[pos++] = 32;
    } else if (c === 0x3a) {
      buf[pos++] = c;
      buf[pos++] = 32;
    } else buf[pos++] = c;
  }
  out.used = pos;
}

// Stage 1: bytes → text. Detects the encoding (BOM, BOM-less UTF-16 by its NUL bytes, strict
// UTF-8, else GB18030 when its decoding is plausible Chinese text) and refuses input that is
// not text. Everything fatal is an InputError (the CLI prints one line and exits 2).
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { diag, InputError } from './diagnostics.js';
import type { Diagnostic } from './model.js';

export interface Source {
  file: string;
  text: string;
  encoding: string;
  sha256: string;
  bytes: number;
  /** Non-fatal findings about the bytes (HZ006: not UTF-8, or damaged UTF-8), line 0. */
  diagnostics?: Diagnostic[];
}

export interface ReadOptions {
  /** Force an encoding (any name iconv-lite knows); otherwise detected. */
  encoding?: string;
  /** Refuse inputs larger than this many bytes (HZ005). Default MAX_BYTES. */
  maxBytes?: number;
  /** Refuse a NUL byte as soon as it is read (HZ002), before the limit: JSON never holds one. */
  noNul?: boolean;
  /** False: the SHA-256 of the bytes is not computed (source.sha256 is ''), for findings only (`check`). */
  sha256?: boolean;
}

/** 64 MiB: a quarterly report is well under 1 MB; the limit keeps memory bounded on accidents. */
export const MAX_BYTES = 64 * 1024 * 1024;

// iconv-lite is only needed for GB18030/GBK and forced encodings: load it on first use
// (start-up time is budgeted, and most files are UTF-8).
let iconv: typeof import('iconv-lite') | undefined;
const iconvLite = () => (iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite'));

/**
 * Limit of `validate`'s input: above the JSON that `parse` writes for the largest accepted report
 * (MAX_BYTES of TSV; the seed's indented JSON, with layouts and schedule status, is about 10x its TSV).
 * A document must also fit V8's longest string (2^29 - 24 UTF-16 units), else HZ005 too.
 */
export const MAX_JSON_BYTES = 12 * MAX_BYTES;
const MAX_STRING = 2 ** 29 - 24;

/**
 * The text of a JSON document: UTF-8 (RFC 8259), a BOM dropped, invalid bytes refused (HZ002);
 * or, when an encoding is named, decoded from it (HZ004 when unknown).
 */
export function jsonText(bytes: Uint8Array, encoding?: string): string {
  let text: string;
  if (encoding && !UTF8.test(encoding)) text = decodeAs(encoding.toLowerCase(), bytes);
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      if (bytes.length > MAX_STRING) throw new InputError('HZ005', { size: mb(bytes.length), limit: mb(MAX_STRING) });
      throw new InputError('HZ002', { reason: 'not valid UTF-8; JSON is UTF-8, or name its encoding with --encoding' });
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

const mb = (n: number): string => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB` : `${n} bytes`);

/** Well-known binary formats people send instead of the TSV: name them in the message. */
const MAGIC: [number[], string][] = [
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document; extract its tables to TSV first'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (.xlsx/.docx/.zip)'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'an OLE document (.xls/.doc)'],
  [[0x1f, 0x8b], 'gzip data'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an ELF executable'],
];

function magic(buf: Uint8Array): string | undefined {
  for (const [sig, what] of MAGIC) if (sig.every((b, i) => buf[i] === b)) return what;
  return undefined;
}

function bom(buf: Uint8Array): { encoding: string; offset: number } | undefined {
  const [a, b, c, d] = buf;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', offset: 3 };
  // UTF-32 before UTF-16: FF FE 00 00 also starts like a UTF-16LE BOM.
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', offset: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', offset: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', offset: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', offset: 2 };
  return undefined;
}

/**
 * BOM-less UTF-16: ASCII characters (tabs, digits, line ends: plenty in a TSV) put a NUL
 * in every other byte, always on the same side. Binary data has NULs on both sides.
 */
function utf16ByNuls(buf: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 65536) & ~1;
  if (n < 4 || buf.subarray(0, n).indexOf(0) < 0) return undefined; // no NUL at all (the usual case): one native search
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) even++;
    if (buf[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd >= pairs * 0.02 && even * 4 <= odd) return 'utf-16le';
  if (even >= pairs * 0.02 && odd * 4 <= even) return 'utf-16be';
  return undefined;
}

/** Non-ASCII code points a Chinese government report plausibly contains. */
function plausible(c: number): boolean {
  return (
    (c >= 0x00a0 && c <= 0x024f) || // Latin-1 signs (·×°±²), pinyin tone marks
    (c >= 0x0370 && c <= 0x04ff) || // Greek, Cyrillic (both in GB2312)
    (c >= 0x2000 && c <= 0x2bff) || // punctuation, letterlike (℃), number forms (Ⅱ), arrows, maths, ①, shapes (●★)
    (c >= 0x3000 && c <= 0x33ff) || // CJK punctuation, kana, bopomofo, enclosed CJK, squared units (㎡)
    (c >= 0x3400 && c <= 0x4dbf) || // CJK extension A
    (c >= 0x4e00 && c <= 0x9fff) || // CJK unified ideographs
    (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility ideographs
    (c >= 0xfe30 && c <= 0xfe4f) || // CJK compatibility forms
    (c >= 0xff00 && c <= 0xffef) // full-width forms
  );
}

interface Profile {
  /** Non-ASCII code units. */
  nonAscii: number;
  /** Non-ASCII code units outside the plausible blocks (U+FFFD, private use, C1, surrogates…). */
  implausible: number;
  replacement: number;
  /** C0 controls other than tab, line ends, form feed, vertical tab; DEL; C1 controls. */
  controls: number;
  firstNul: number;
}

/** The characters profile() counts as controls (NUL among them). */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0e-\x1f\x7f-\x9f]/;
const CLEAN: Profile = { nonAscii: 0, implausible: 0, replacement: 0, controls: 0, firstNul: -1 };

function profile(text: string): Profile {
  const p: Profile = { nonAscii: 0, implausible: 0, replacement: 0, controls: 0, firstNul: -1 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c === 0 && p.firstNul < 0) p.firstNul = i;
      if (c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0b && c !== 0x0c) p.controls++;
    } else if (c < 0x7f) {
      continue;
    } else if (c === 0x7f) {
      p.controls++;
    } else {
      p.nonAscii++;
      if (c >= 0x80 && c <= 0x9f) p.controls++;
      if (c === 0xfffd) p.replacement++;
      if (!plausible(c)) p.implausible++;
    }
  }
  return p;
}

const UTF8 = /^utf-?8$/i;
const UTF16 = /^(?:utf-?16|ucs-?2)(le|be)?$/i;

function decodeAs(encoding: string, body: Uint8Array): string {
  if (UTF8.test(encoding)) {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      throw new InputError('HZ002', { reason: `not valid ${encoding}` });
    }
  }
  const m = UTF16.exec(encoding);
  if (m && m[1]) return new TextDecoder(`utf-16${m[1].toLowerCase()}`, { ignoreBOM: true }).decode(body);
  const lib = iconvLite();
  if (!lib.encodingExists(encoding)) throw new InputError('HZ004', { reason: `unknown encoding "${encoding}"` });
  return lib.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding);
}

/**
 * Decode a file's bytes. Throws InputError (HZ001 empty, HZ002 not text, HZ004 unknown forced
 * encoding, HZ005 too large); otherwise returns the text, the encoding used and any HZ006 finding.
 */
export function decode(file: string, buf: Uint8Array, options: ReadOptions = {}): Source {
  const limit = options.maxBytes ?? MAX_BYTES;
  if (buf.length > limit) throw new InputError('HZ005', { size: mb(buf.length), limit: mb(limit) });
  if (buf.length === 0) throw new InputError('HZ001');
  const sha256 = options.sha256 === false ? '' : createHash('sha256').update(buf).digest('hex');
  const found = bom(buf);
  const diagnostics: Diagnostic[] = [];
  let encoding: string;
  let text: string;
  let checkPlausible = false;

  if (options.encoding) {
    // Forced: decode as told. A BOM of that encoding decodes to U+FEFF, dropped below.
    encoding = options.encoding.toLowerCase();
    text = decodeAs(encoding, buf);
  } else {
    const what = magic(buf);
    if (what) throw new InputError('HZ002', { reason: what });
    if (found) {
      encoding = found.encoding;
      text = decodeAs(encoding, buf.subarray(found.offset));
    } else if ((encoding = utf16ByNuls(buf) ?? '')) {
      text = decodeAs(encoding, buf);
      checkPlausible = true;
    } else {
      encoding = 'utf-8';
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
      } catch {
        // Not strict UTF-8. A UTF-8 file damaged in a few places (cut mid-character by a
        // truncation) stays UTF-8 with U+FFFD where the bytes were bad; GB18030 bytes read as
        // UTF-8 are nearly all invalid.
        const lenient = new TextDecoder('utf-8', { ignoreBOM: true }).decode(buf);
        const p = profile(lenient);
        if (p.firstNul < 0 && p.replacement * 50 <= p.nonAscii) {
          text = lenient;
          const n = p.replacement;
          diagnostics.push(
            diag('HZ006', {
              line: 0,
              args: { encoding: `utf-8 with ${n} invalid byte sequence${n === 1 ? '' : 's'} replaced by U+FFFD` },
            }),
          );
        } else {
          encoding = 'gb18030';
          text = decodeAs(encoding, buf);
          checkPlausible = true;
        }
      }
    }
  }

  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a BOM inside the encoding (GB18030 84 31 95 33)
  // Text with no control characters (the usual case) needs the character-by-character profile only to
  // judge a guessed encoding; one native scan tells.
  const p = checkPlausible || CONTROLS.test(text) ? profile(text) : CLEAN;
  if (p.firstNul >= 0) throw new InputError('HZ002', { reason: `NUL byte at character ${p.firstNul + 1}` });
  if (checkPlausible && p.implausible * 100 > p.nonAscii) {
    throw new InputError('HZ002', {
      reason:
        encoding === 'gb18030' ? 'neither UTF-8 nor GB18030; name the encoding with --encoding' : `undecodable as ${encoding}`,
    });
  }
  if (p.controls > 4 && p.controls * 100 > text.length) {
    // A named encoding that is wrong (latin1 on UTF-8): say so, and how the file does read.
    if (options.encoding) throw new InputError('HZ002', { reason: wrongEncoding(encoding, p.controls, buf) });
    throw new InputError('HZ002', { reason: `${p.controls} control characters` });
  }
  if (text.trim() === '') throw new InputError('HZ001');
  if (encoding !== 'utf-8' && !UTF8.test(encoding)) diagnostics.push(diag('HZ006', { line: 0, args: { encoding } }));
  const source: Source = { file, text, encoding, sha256, bytes: buf.length };
  if (diagnostics.length) source.diagnostics = diagnostics;
  return source;
}

function wrongEncoding(encoding: string, controls: number, buf: Uint8Array): string {
  const said = `does not read as ${encoding}, with ${controls} control characters`;
  let utf8 = false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    utf8 = !UTF8.test(encoding);
  } catch {
    /* not UTF-8 either */
  }
  return utf8 ? `${said}, but as UTF-8: try without --encoding` : `${said}: try without --encoding, to detect the encoding`;
}

/** HZ002 at the first NUL byte of `chunk`, which starts at byte `offset` of the input. */
export function refuseNul(chunk: Uint8Array, offset: number): void {
  const at = chunk.indexOf(0);
  if (at >= 0) throw new InputError('HZ002', { reason: `NUL byte at byte ${offset + at + 1}` });
}

function readError(e: unknown): InputError {
  const err = e as NodeJS.ErrnoException;
  const reason =
    err.code === 'ENOENT'
      ? 'no such file'
      : err.code === 'EISDIR'
        ? 'is a directory'
        : err.code === 'EACCES' || err.code === 'EPERM'
          ? 'permission denied'
          : (err.code ?? err.message);
  return new InputError('HZ004', { reason });
}

/** Bytes per read(2) of a device, a pipe, or what a file grew by after it was opened. */
const BLOCK = 1 << 20;

/**
 * Read a file with a bounded amount of memory: refuse before reading when the size is known to
 * be over the limit, and stop reading devices and pipes once they pass it. A regular file is read
 * as it was when opened: the size found then, in large blocks, whatever is appended meanwhile.
 */
export function readBytes(path: string, options: ReadOptions = {}): Uint8Array {
  const limit = options.maxBytes ?? MAX_BYTES;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw readError(e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError('HZ004', { reason: 'is a directory' });
    if (st.isFile() && st.size > limit) throw new InputError('HZ005', { size: mb(st.size), limit: mb(limit) });
    const chunks: Buffer[] = [];
    let total = 0;
    // A regular file: exactly its size at open (a file growing while read is read as a snapshot).
    // (Size 0 is also what /proc and /sys report for files with contents: read those like a pipe.)
    const snapshot = st.isFile() && st.size > 0 ? st.size : -1;
    for (;;) {
      if (snapshot >= 0 && total >= snapshot) break;
      const chunk = Buffer.allocUnsafe(snapshot >= 0 ? Math.min(snapshot - total, 64 * BLOCK) : BLOCK);
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        throw readError(e);
      }
      if (n === 0) break;
      const got = n === chunk.length ? chunk : chunk.subarray(0, n);
      if (options.noNul) refuseNul(got, total);
      total += n;
      if (total > limit) throw new InputError('HZ005', { size: `more than ${mb(limit)}`, limit: mb(limit) });
      chunks.push(got);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Read and decode one file (bounded; see readBytes and decode). */
export function readSource(path: string, options: ReadOptions = {}): Source {
  return decode(path, readBytes(path, options), options);
}

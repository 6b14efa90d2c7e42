// Stage 1 (bytes → text): encodings, BOMs, binary refusal, size limits, line ends.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { compile } from '../src/compile.js';
import { InputError } from '../src/diagnostics.js';
import { decode, readBytes, readSource } from '../src/read.js';
import { tokenize } from '../src/tokenize.js';
import { comparable, firstDifference, SEED_PATH } from './damage.js';
import { tempDir } from './helpers/run.js';

const seed = readFileSync(SEED_PATH, 'utf8');
const utf8 = (s: string) => Buffer.from(s, 'utf8');

function refused(bytes: Uint8Array, options = {}): InputError {
  try {
    decode('x.tsv', bytes, options);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('decoded, expected an InputError');
}

describe('decode: encodings', () => {
  const cases: [string, Uint8Array, string][] = [
    ['UTF-8', utf8(seed), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(seed)]), 'utf-8'],
    ['UTF-16LE with BOM', iconv.encode(seed, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16BE with BOM', iconv.encode(seed, 'utf-16be', { addBOM: true }), 'utf-16be'],
    ['UTF-16LE without BOM', iconv.encode(seed, 'utf-16le'), 'utf-16le'],
    ['UTF-16BE without BOM', iconv.encode(seed, 'utf-16be'), 'utf-16be'],
    ['UTF-32LE with BOM', iconv.encode(seed, 'utf-32le', { addBOM: true }), 'utf-32le'],
    ['GB18030', iconv.encode(seed, 'gb18030'), 'gb18030'],
    ['GB18030 with its BOM', iconv.encode(seed, 'gb18030', { addBOM: true }), 'gb18030'],
    ['GBK', iconv.encode(seed, 'gbk'), 'gb18030'],
  ];
  it.each(cases)('%s: the seed decodes to the same text', (_, bytes, encoding) => {
    const s = decode('x.tsv', bytes);
    expect(s.encoding).toBe(encoding);
    expect(s.text === seed).toBe(true);
    expect(s.bytes).toBe(bytes.length);
  });

  it('notes every encoding other than UTF-8 (HZ006), and says nothing for UTF-8', () => {
    expect(decode('x', utf8(seed)).diagnostics).toBeUndefined();
    const gb = decode('x', iconv.encode(seed, 'gb18030')).diagnostics;
    expect(gb?.map((d) => [d.code, d.message, d.line])).toEqual([['HZ006', 'decoded as gb18030', 0]]);
  });

  it('detects GB18030 on a few short lines too', () => {
    const text = '序号\t重点工作\n1\t加强粮食储备\t73.08%\n';
    expect(decode('x', iconv.encode(text, 'gb18030'))).toMatchObject({ encoding: 'gb18030', text });
  });

  it('keeps a UTF-8 file cut mid-character UTF-8, with U+FFFD and a note, instead of reading it all as GB18030', () => {
    const bytes = utf8(seed).subarray(0, 20_001);
    const s = decode('x', bytes);
    expect(s.encoding).toBe('utf-8');
    expect(s.text.startsWith(seed.slice(0, 5000))).toBe(true);
    expect(s.text.endsWith('\ufffd')).toBe(true);
    expect(s.diagnostics?.[0]?.message).toMatch(/^decoded as utf-8 with 1 invalid byte sequence replaced/);
  });

  it('obeys a forced encoding, and refuses an unknown one', () => {
    const gbk = iconv.encode(seed, 'gbk');
    expect(decode('x', gbk, { encoding: 'GBK' })).toMatchObject({ encoding: 'gbk', text: seed });
    expect(decode('x', iconv.encode(seed, 'utf-16be', { addBOM: true }), { encoding: 'utf-16' }).text === seed).toBe(true);
    expect(decode('x', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(seed)]), { encoding: 'utf8' }).text === seed).toBe(
      true,
    );
    expect(refused(gbk, { encoding: 'utf-8' })).toMatchObject({
      code: 'HZ002',
      message: 'the file is not text (not valid utf-8)',
    });
    expect(refused(utf8(seed), { encoding: 'klingon' })).toMatchObject({
      code: 'HZ004',
      message: 'cannot read the file: unknown encoding "klingon"',
    });
  });
});

describe('decode: input that is not a report', () => {
  it('refuses empty and white-space-only input (HZ001)', () => {
    expect(refused(new Uint8Array(0)).code).toBe('HZ001');
    expect(refused(utf8(' \t\r\n\n  \u3000\n')).code).toBe('HZ001');
    expect(refused(iconv.encode('\r\n\r\n', 'utf-16le', { addBOM: true })).code).toBe('HZ001');
  });

  it('refuses binary: NUL bytes, control characters, bytes that are neither UTF-8 nor GB18030 (HZ002)', () => {
    let x = 12345;
    const random = Buffer.from(Array.from({ length: 4096 }, () => ((x = (x * 1103515245 + 12345) & 0x7fffffff), x >> 16) & 0xff));
    expect(refused(random)).toMatchObject({
      code: 'HZ002',
      message: expect.stringMatching(/^the file is not text \(NUL byte at character \d+\)$/),
    });
    const noNul = random.map((b) => b || 1);
    expect(refused(noNul).code).toBe('HZ002');
    expect(refused(utf8(seed.slice(0, 2000) + '\0' + seed.slice(2000))).message).toMatch(/NUL byte at character 2001/);
    expect(refused(utf8('\x01\x02\x03\x04\x05\x06\x07\x08 text')).message).toBe('the file is not text (8 control characters)');
    expect(refused(iconv.encode('Café résumé, naïve façade. '.repeat(40), 'latin1')).message).toBe(
      'the file is not text (neither UTF-8 nor GB18030; name the encoding with --encoding)',
    );
  });

  it('names the binary formats people send instead of the TSV', () => {
    expect(refused(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj')).message).toBe(
      'the file is not text (a PDF document; extract its tables to TSV first)',
    );
    expect(refused(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])).message).toBe(
      'the file is not text (a ZIP archive (.xlsx/.docx/.zip))',
    );
    expect(refused(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])).message).toMatch(/\.xls/);
  });

  it('tolerates a few stray control characters (a DOS end-of-file mark, a form feed)', () => {
    expect(decode('x', utf8(seed + '\x1a')).text).toBe(seed + '\x1a');
    expect(decode('x', utf8('a\fb\n' + seed)).encoding).toBe('utf-8');
  });

  it('refuses input over the size limit (HZ005) before decoding it', () => {
    expect(refused(utf8('x'.repeat(2048)), { maxBytes: 1024 })).toMatchObject({
      code: 'HZ005',
      message: 'the input is too large (2048 bytes; limit 1024 bytes)',
    });
  });
});

describe('readBytes / readSource', () => {
  const dir = tempDir();

  it('reads a file, and names a missing file, a directory, an unreadable file', () => {
    const f = join(dir, 'r.tsv');
    writeFileSync(f, seed);
    expect(readSource(f).text === seed).toBe(true);
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e as InputError;
      }
      throw new Error('no error');
    };
    expect(err(() => readBytes(join(dir, 'missing.tsv')))).toMatchObject({
      code: 'HZ004',
      message: 'cannot read the file: no such file',
    });
    mkdirSync(join(dir, 'sub'));
    expect(err(() => readBytes(join(dir, 'sub'))).message).toBe('cannot read the file: is a directory');
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked.tsv');
      writeFileSync(locked, seed, { mode: 0o000 });
      expect(err(() => readBytes(locked)).message).toBe('cannot read the file: permission denied');
    }
  });

  it('refuses an oversized file from its size, and stops reading an endless device at the limit', () => {
    const f = join(dir, 'big.tsv');
    writeFileSync(f, 'x'.repeat(4096));
    expect(() => readBytes(f, { maxBytes: 1000 })).toThrow(/too large \(4096 bytes; limit 1000 bytes\)/);
    expect(() => readBytes('/dev/zero', { maxBytes: 3 << 20 })).toThrow(/too large \(more than 3 MB; limit 3 MB\)/);
  });
});

describe('line ends', () => {
  it('LF, CRLF, CR and mixed give the same rows and physical line numbers', () => {
    const lines = ['a\tb', '', 'c', '', '', 'd\te\tf'];
    const expected = tokenize(lines.join('\n')).map((r) => [r.line, r.fields.map((f) => f.raw)]);
    for (const sep of ['\r\n', '\r'])
      expect(tokenize(lines.join(sep)).map((r) => [r.line, r.fields.map((f) => f.raw)])).toEqual(expected);
    const mixed = 'a\tb\r\n\rc\n\r\n\rd\te\tf';
    expect(tokenize(mixed).map((r) => [r.line, r.fields.map((f) => f.raw)])).toEqual(expected);
  });
});

describe('the seed, re-encoded and with CRLF line ends, compiles to the same tree', () => {
  const base = comparable(compile(utf8(seed), { file: 'seed.tsv' }));
  it.each([
    ['GB18030', () => iconv.encode(seed, 'gb18030')],
    ['UTF-16LE', () => iconv.encode(seed, 'utf-16le', { addBOM: true })],
    ['UTF-16BE', () => iconv.encode(seed, 'utf-16be', { addBOM: true })],
    ['UTF-8 with BOM and CRLF', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(seed.replace(/\n/g, '\r\n'))])],
    ['GB18030 with CRLF', () => iconv.encode(seed.replace(/\n/g, '\r\n'), 'gb18030')],
  ])('%s', (_, bytes) => {
    const doc = compile(bytes(), { file: 'seed.tsv' });
    expect(doc.summary.tasks).toBeGreaterThan(0);
    expect(firstDifference(base, comparable(doc))).toBeUndefined();
  });
});

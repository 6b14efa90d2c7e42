// Stage 1: bytes → text. Detects the encoding (BOM, strict UTF-8, else GB18030) and
// refuses input that is not text. Everything fatal is an InputError (exit code 2).
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { InputError } from './diagnostics.js';

export interface Source {
  file: string;
  text: string;
  encoding: string;
  sha256: string;
  bytes: number;
}

export interface ReadOptions {
  /** Force an encoding (any name iconv-lite knows); otherwise detected. */
  encoding?: string;
}

let iconv: typeof import('iconv-lite') | undefined;
const iconvLite = () => (iconv ??= createRequire(import.meta.url)('iconv-lite') as typeof import('iconv-lite'));

function detect(buf: Uint8Array): { encoding: string; offset: number } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', offset: 3 };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', offset: 2 };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', offset: 2 };
  return { encoding: '', offset: 0 };
}

export function decode(file: string, buf: Uint8Array, options: ReadOptions = {}): Source {
  const sha256 = createHash('sha256').update(buf).digest('hex');
  const bom = detect(buf);
  let encoding = options.encoding?.toLowerCase() ?? bom.encoding;
  let text: string;
  const body = buf.subarray(options.encoding ? (bom.encoding === options.encoding.toLowerCase() ? bom.offset : 0) : bom.offset);
  if (!encoding || encoding === 'utf-8' || encoding === 'utf8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      encoding = 'utf-8';
    } catch {
      if (options.encoding) throw new InputError('HZ002', { reason: 'invalid UTF-8' });
      encoding = 'gb18030';
      text = iconvLite().decode(Buffer.from(body), 'gb18030');
    }
  } else if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    text = new TextDecoder(encoding).decode(body);
  } else {
    if (!iconvLite().encodingExists(encoding)) throw new InputError('HZ004', { reason: `unknown encoding ${encoding}` });
    text = iconvLite().decode(Buffer.from(body), encoding);
  }
  if (text.includes('\u0000')) throw new InputError('HZ002', { reason: 'NUL bytes' });
  if (text.trim() === '') throw new InputError('HZ001');
  return { file, text, encoding, sha256, bytes: buf.length };
}

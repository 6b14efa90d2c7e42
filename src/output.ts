// Where results go: stdout, or a file written atomically (temporary file in the same
// directory, then rename), so a failed or interrupted run never leaves a half-written file.
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writing the output failed; the message names the output path (not the temporary file). */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write the output: ${reason}`);
    this.name = 'OutputError';
  }
}

const REASONS: Record<string, string> = {
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  ENOENT: 'no such directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EEXIST: 'a parent is not a directory',
};

// Create missing parents one level at a time: mkdirSync({ recursive: true }) can spin forever
// on some virtual file systems (e.g. below /proc), this cannot.
function ensureDir(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/**
 * A temporary file beside `path` (created at the first write), renamed into place by commit() and
 * removed by abort() or by any failure, which is thrown as an OutputError naming `path`.
 */
function tempFile(path: string): { write(data: string | Uint8Array): void; commit(): void; abort(): void } {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  let created = false;
  const abort = () => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = undefined;
    }
    if (created) rmSync(tmp, { force: true });
    created = false;
  };
  const attempt = (step: () => void) => {
    try {
      if (!created) {
        ensureDir(dir);
        fd = openSync(tmp, 'wx', 0o644);
        created = true;
      }
      step();
    } catch (e) {
      abort();
      const code = (e as NodeJS.ErrnoException).code ?? '';
      throw new OutputError(path, REASONS[code] ?? (e as Error).message);
    }
  };
  return {
    write: (data) => attempt(() => (typeof data === 'string' ? writeSync(fd!, data) : writeSync(fd!, data))),
    commit: () =>
      attempt(() => {
        fsyncSync(fd!);
        closeSync(fd!);
        fd = undefined;
        renameSync(tmp, path);
        created = false;
      }),
    abort,
  };
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const file = tempFile(path);
  file.write(data);
  file.commit();
}

/**
 * An output written piece by piece (a large report's JSON is never one string, docs/architecture.md "Streaming"): to
 * stdout, or to a temporary file beside `path` that commit() renames into place and abort()
 * removes, so a failed run leaves nothing behind. The file is created at the first write.
 */
export interface Output {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

// Characters gathered before a write(2). Small, so that the pieces die young: strings kept
// until a large flush outlive the young generation and pile up in the old one (the memory budget, docs/architecture.md "Speed").
const CHUNK = 1 << 14;

/** Pieces gathered into chunks of about CHUNK characters for `sink`; flush() sends the rest. */
export function chunked(sink: (text: string) => void): { write(text: string): void; flush(): void } {
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (!size) return;
    const text = parts.length === 1 ? parts[0]! : parts.join('');
    parts = [];
    size = 0;
    sink(text);
  };
  return {
    write(text: string) {
      parts.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    },
    flush,
  };
}

export function openOutput(path?: string): Output {
  if (path === undefined || path === '-') {
    const chunks = chunked((text) => process.stdout.write(text));
    return { write: chunks.write, commit: chunks.flush, abort: () => {} };
  }
  const file = tempFile(path);
  const chunks = chunked(file.write);
  return {
    write: chunks.write,
    commit() {
      chunks.flush();
      file.commit();
    },
    abort: file.abort,
  };
}

/** Write the whole output at once: to `out` atomically, or to stdout when out is undefined or "-". */
export function emit(data: string, out?: string): void {
  if (out === undefined || out === '-') process.stdout.write(data);
  else writeFileAtomic(out, data);
}

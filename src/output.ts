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

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    ensureDir(dir);
    fd = openSync(tmp, 'wx', 0o644);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    try {
      if (fd !== undefined) closeSync(fd);
      rmSync(tmp, { force: true });
    } catch {
      // The temporary file could not be created in the first place: nothing to remove.
    }
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new OutputError(path, REASONS[code] ?? (e as Error).message);
  }
}

/**
 * An output written piece by piece (a large report's JSON is never one string, issue 6): to
 * stdout, or to a temporary file beside `path` that commit() renames into place and abort()
 * removes, so a failed run leaves nothing behind. The file is created at the first write.
 */
export interface Output {
  write(text: string): void;
  commit(): void;
  abort(): void;
}

// Characters gathered before a write(2). Small, so that the pieces die young: strings kept
// until a large flush outlive the young generation and pile up in the old one (issue 6: RSS).
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
  const toStdout = path === undefined || path === '-';
  let fd: number | undefined;
  let tmp = '';
  const fail = (e: unknown): never => {
    abort();
    const code = (e as NodeJS.ErrnoException).code ?? '';
    throw new OutputError(path ?? '-', REASONS[code] ?? (e as Error).message);
  };
  const chunks = chunked((text) => {
    if (toStdout) {
      process.stdout.write(text);
      return;
    }
    try {
      if (fd === undefined) {
        const dir = dirname(path!);
        tmp = join(dir, `.${basename(path!)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
        ensureDir(dir);
        fd = openSync(tmp, 'wx', 0o644);
      }
      writeSync(fd, text);
    } catch (e) {
      fail(e);
    }
  });
  function abort(): void {
    if (fd === undefined) return;
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    fd = undefined;
    rmSync(tmp, { force: true });
  }
  return {
    write: chunks.write,
    commit() {
      chunks.flush();
      if (toStdout) return;
      try {
        if (fd === undefined) return writeFileAtomic(path!, '');
        fsyncSync(fd);
        closeSync(fd);
        fd = undefined;
        renameSync(tmp, path!);
      } catch (e) {
        fail(e);
      }
    },
    abort,
  };
}

/** Write the whole output at once: to `out` atomically, or to stdout when out is undefined or "-". */
export function emit(data: string, out?: string): void {
  if (out === undefined || out === '-') process.stdout.write(data);
  else writeFileAtomic(out, data);
}

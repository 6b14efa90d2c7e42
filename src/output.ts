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

/** Write the whole output at once: to `out` atomically, or to stdout when out is undefined or "-". */
export function emit(data: string, out?: string): void {
  if (out === undefined || out === '-') process.stdout.write(data);
  else writeFileAtomic(out, data);
}

// Where results go: stdout, or a file. Promise (docs/reliability.md): the output is complete or
// absent. A regular file is written to a temporary file in the same directory, fsynced and renamed
// into place; every write is checked (short writes continued, errors thrown), so a full disk, a
// size limit (ulimit -f), a failed rename or a signal (INT, TERM, HUP) leaves no file and no
// temporary file behind. Character devices and FIFOs are written in place (a rename would replace
// the node); symbolic links are followed to their target; an existing file keeps its mode.
import {
  closeSync,
  fchmodSync,
  fchownSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { constants } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Writing the output failed; the message names the output path (never the temporary file). */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot write the output: ${reason}`);
    this.name = 'OutputError';
  }
}

/** What stands for standard output in messages. */
export const STDOUT = 'standard output';
/** The reason given when the reader of a pipe closed it (EPIPE). */
export const PIPE_CLOSED = 'the reader closed the pipe';

const REASONS = new Map<string, string>([
  ['EISDIR', 'is a directory'],
  ['ENOTDIR', 'a parent is not a directory'],
  ['ENOENT', 'no such directory'],
  ['EACCES', 'permission denied'],
  ['EPERM', 'permission denied'],
  ['EROFS', 'read-only file system'],
  ['ENOSPC', 'no space left on the device'],
  ['EDQUOT', 'disk quota exceeded'],
  ['EFBIG', 'file too large (a file size limit was reached)'],
  ['EEXIST', 'a parent is not a directory'],
  ['ENAMETOOLONG', 'file name too long'],
  ['ELOOP', 'too many levels of symbolic links'],
  ['EPIPE', PIPE_CLOSED],
  ['EIO', 'input/output error'],
  ['ENXIO', 'no such device'],
]);

/** A system error as a short reason: never its message, which may name the temporary file. */
function reasonOf(e: unknown): string {
  if (e instanceof OutputError) return e.reason;
  const code = (e as NodeJS.ErrnoException).code;
  return (code && REASONS.get(code)) ?? code ?? (e instanceof Error ? e.message : String(e));
}

const fail = (path: string, e: unknown): OutputError => (e instanceof OutputError ? e : new OutputError(path, reasonOf(e)));

// Characters per write(2) of a long string: its UTF-8 copy stays small.
const SLICE = 1 << 20;
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Write every byte: a short write is continued (the next write reports the error), EAGAIN waits. */
export function writeAll(fd: number, data: string | Uint8Array): void {
  if (typeof data === 'string') {
    for (let i = 0; i < data.length;) {
      let end = Math.min(data.length, i + SLICE);
      const last = data.charCodeAt(end - 1);
      if (end < data.length && last >= 0xd800 && last <= 0xdbff) end++; // keep a surrogate pair together
      writeAll(fd, Buffer.from(data.slice(i, end), 'utf8'));
      i = end;
    }
    return;
  }
  for (let off = 0; off < data.length;) {
    try {
      off += writeSync(fd, data, off, data.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 5); // a non-blocking pipe that is full: wait for the reader
    }
  }
}

/** fsync, where the file kind has one (pipes, terminals and some devices have none). */
function syncIfPossible(fd: number): void {
  try {
    fsyncSync(fd);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EROFS' && code !== 'EBADF') throw e;
  }
}

// ---- cleanup on signals ------------------------------------------------------------------------

/** Temporary files (and directories made for them) to remove if the process is stopped. */
const pending = new Set<() => void>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function onSignal(signal: NodeJS.Signals): void {
  for (const cleanup of [...pending]) cleanup();
  process.exit(128 + (constants.signals[signal] ?? 0));
}

function onExit(): void {
  for (const cleanup of [...pending]) cleanup();
}

function track(cleanup: () => void): void {
  if (pending.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on('exit', onExit);
  }
  pending.add(cleanup);
}

function untrack(cleanup: () => void): void {
  if (!pending.delete(cleanup) || pending.size) return;
  for (const s of SIGNALS) process.off(s, onSignal);
  process.off('exit', onExit);
}

/**
 * Let a signal that arrived during a long synchronous run be handled (its handler removes the
 * temporary file and exits) before the file is renamed into place. libuv reads the signal in one
 * turn of the event loop and calls the handler in a later one: one setImmediate is not enough.
 */
async function signalsHandled(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise<void>((done) => setImmediate(done));
}

// ---- the target --------------------------------------------------------------------------------

interface Target {
  /** Where to write: the path itself, or a symbolic link's final target. */
  path: string;
  /** The existing file's status (after links), if any. */
  stat?: Stats;
  /** A character device or FIFO: written in place. */
  inPlace: boolean;
}

/** A dangling link's target, followed by hand (bounded like the kernel's 40 levels). */
function followLinks(path: string): string {
  let cur = resolve(path);
  for (let hops = 0; hops <= 40; hops++) {
    let st: Stats;
    try {
      st = lstatSync(cur);
    } catch {
      return cur;
    }
    if (!st.isSymbolicLink()) return cur;
    cur = resolve(dirname(cur), readlinkSync(cur));
  }
  throw Object.assign(new Error('ELOOP'), { code: 'ELOOP' });
}

function target(path: string): Target {
  let st: Stats | undefined;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw e;
  }
  if (!st) return { path: followLinks(path), inPlace: false };
  if (st.isDirectory()) throw new OutputError(path, 'is a directory');
  if (st.isBlockDevice()) throw new OutputError(path, 'is a block device');
  if (st.isSocket()) throw new OutputError(path, 'is a socket');
  if (st.isCharacterDevice() || st.isFIFO()) return { path, stat: st, inPlace: true };
  return { path: realpathSync(path), stat: st, inPlace: false };
}

/**
 * Refuse an output that is one of the inputs (same file, whatever the path or link): writing it
 * would destroy the report before, or while, it is read.
 */
export function refuseInputs(out: string | undefined, inputs: readonly string[]): void {
  if (out === undefined || out === '-') return;
  let o: Stats;
  try {
    o = statSync(out);
  } catch {
    return; // not there yet: not an input
  }
  if (!o.isFile()) return;
  for (const input of inputs) {
    if (input === '-') continue;
    try {
      const i = statSync(input);
      if (i.dev === o.dev && i.ino === o.ino) throw new OutputError(out, `it is the input ${input}; refusing to overwrite it`);
    } catch (e) {
      if (e instanceof OutputError) throw e;
    }
  }
}

/** Create missing parents one level at a time (mkdirSync's recursive mode can spin on some virtual file systems); returns those created. */
function ensureDir(dir: string): string[] {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    try {
      statSync(d);
      break;
    } catch {
      missing.push(d);
      if (dirname(d) === d) break;
    }
  }
  const created: string[] = [];
  for (const d of missing.reverse()) {
    mkdirSync(d);
    created.push(d);
  }
  return created;
}

// ---- files -------------------------------------------------------------------------------------

interface FileWriter {
  write(data: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/**
 * The output file: a temporary file beside the target (created at the first write, with a short
 * name, so a long output name still fits), renamed into place by commit(), removed with any
 * directory made for it by abort(), by a failure (thrown as an OutputError naming `path`) or by
 * a signal. A character device or FIFO is opened and written in place.
 */
function fileWriter(path: string): FileWriter {
  let fd: number | undefined;
  let tmp: string | undefined;
  let created: string[] = [];
  let t: Target | undefined;
  const cleanup = () => {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // already closed
      }
      fd = undefined;
    }
    if (tmp !== undefined) rmSync(tmp, { force: true });
    tmp = undefined;
    for (const d of created.reverse()) {
      try {
        rmdirSync(d);
      } catch {
        // not empty: someone else is using it
      }
    }
    created = [];
  };
  const abort = () => {
    cleanup();
    untrack(cleanup);
  };
  const open = () => {
    t = target(path);
    if (t.inPlace) {
      fd = openSync(t.path, 'w');
      return;
    }
    track(cleanup);
    const dir = dirname(t.path);
    created = ensureDir(dir);
    const name = join(dir, `.hz-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
    fd = openSync(name, 'wx', 0o644);
    tmp = name;
    if (t.stat) {
      // Replacing a file: keep its permissions (and owner, when allowed).
      fchmodSync(fd, t.stat.mode & 0o7777);
      try {
        fchownSync(fd, t.stat.uid, t.stat.gid);
      } catch {
        // not ours to give away: the mode is kept, the owner becomes us
      }
    }
  };
  const attempt = (step: () => void) => {
    try {
      if (fd === undefined) open();
      step();
    } catch (e) {
      abort();
      throw fail(path, e);
    }
  };
  return {
    write: (data) => attempt(() => writeAll(fd!, data)),
    commit: () =>
      attempt(() => {
        if (t!.inPlace) {
          syncIfPossible(fd!);
          closeSync(fd!);
          fd = undefined;
          return;
        }
        fsyncSync(fd!);
        closeSync(fd!);
        fd = undefined;
        renameSync(tmp!, t!.path);
        tmp = undefined;
        created = [];
        untrack(cleanup);
        syncDir(dirname(t!.path));
      }),
    abort,
  };
}

/** The rename is durable once its directory is synced (best effort: not every file system allows it). */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // e.g. EISDIR/EINVAL on some file systems: the data itself is synced
  }
}

/**
 * Whether standard output is a terminal, without making process.stdout unless it may be one: for a pipe Node
 * makes a net.Socket (loading node:net and turning the pipe non-blocking; docs/performance.md). Only a
 * character device can be a terminal.
 */
export function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.stdout.isTTY === true;
}

/** Standard output, written through its descriptor: every write checked, fsynced when it is a file. */
function stdoutWriter(): FileWriter {
  const attempt = (step: () => void) => {
    try {
      step();
    } catch (e) {
      throw fail(STDOUT, e);
    }
  };
  return {
    write: (data) => attempt(() => writeAll(1, data)),
    commit: () => attempt(() => fstatSync(1).isFile() && syncIfPossible(1)),
    abort: () => {},
  };
}

const toStdout = (path?: string) => path === undefined || path === '-';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const file = fileWriter(path);
  file.write(data);
  file.commit();
}

/**
 * An output written piece by piece (a large report's JSON is never one string): to stdout, or to
 * a file (see fileWriter). commit() lets a pending signal be handled first, then completes it.
 */
export interface Output {
  write(text: string): void;
  /** UTF-8 bytes, in order with write()'s pieces; used before it returns. Optional: writers fall back to write(). */
  writeBytes?(bytes: Uint8Array): void;
  commit(): void | Promise<void>;
  abort(): void;
}

// Bytes gathered before a write(2): the pieces are encoded as UTF-8 straight into one buffer, reused, so a
// large output makes no joined strings and no Buffer per write (100× report: ~0.3 GB less to collect).
const BYTES = 1 << 16;

/**
 * Pieces encoded into a buffer of BYTES for `sink`, which must use the bytes before it returns; flush() sends
 * the rest. The bytes are those of Buffer.from(pieces.join(''), 'utf8') for pieces that do not split a
 * surrogate pair (JSON.stringify's never do: it escapes a lone surrogate).
 */
export function encoded(sink: (bytes: Uint8Array) => void): {
  write(text: string): void;
  writeBytes(bytes: Uint8Array): void;
  flush(): void;
} {
  const buffer = new Uint8Array(BYTES);
  const encoder = new TextEncoder();
  let used = 0;
  const flush = () => {
    if (!used) return;
    const bytes = buffer.subarray(0, used);
    used = 0;
    sink(bytes);
  };
  return {
    write(text: string) {
      for (let rest = text; ;) {
        const { read, written } = encoder.encodeInto(rest, used ? buffer.subarray(used) : buffer);
        used += written;
        if (read === rest.length) return;
        flush(); // full (encodeInto never writes part of a character)
        rest = rest.slice(read);
      }
    },
    writeBytes(bytes: Uint8Array) {
      if (used + bytes.length > BYTES) flush();
      if (bytes.length > BYTES) return sink(bytes);
      buffer.set(bytes, used);
      used += bytes.length;
    },
    flush,
  };
}

export interface OutputOptions {
  /** The command's inputs: an output that is one of them is refused (OutputError). */
  inputs?: readonly string[];
}

export function openOutput(path?: string, options: OutputOptions = {}): Output {
  refuseInputs(path, options.inputs ?? []);
  const file = toStdout(path) ? stdoutWriter() : fileWriter(path!);
  const chunks = encoded(file.write);
  return {
    write: chunks.write,
    writeBytes: chunks.writeBytes,
    async commit() {
      chunks.flush();
      await signalsHandled();
      file.commit();
    },
    abort: file.abort,
  };
}

/** Write the whole output at once: to `out` (complete or absent), or to stdout when out is undefined or "-". */
export function emit(data: string, out?: string, options: OutputOptions = {}): void {
  refuseInputs(out, options.inputs ?? []);
  const file = toStdout(out) ? stdoutWriter() : fileWriter(out!);
  file.write(data);
  file.commit();
}

// Batches: expand files and glob patterns into an ordered list of inputs, read stdin for "-",
// and compile each one, collecting per-file results and per-file failures (never throwing for
// unusable input). Large batches are spread over worker threads (src/batch-worker.ts).
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute } from 'node:path';
import type { CompileOptions, ReportSink } from './compile.js';
import { InputError, render, type Lang } from './diagnostics.js';
import { MAX_BYTES, refuseNul } from './read.js';
import type { Report } from './model.js';

export interface Failure {
  file: string;
  code: string;
  message: string;
}

export type Outcome = { file: string; report: Report } | { file: string; failure: Failure };

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Inputs in the order given; each glob pattern's matches sorted, duplicates dropped.
 * A literal path that exists is taken as is even if it contains glob characters.
 * A pattern that matches nothing is kept, so compiling it reports "no such file".
 */
export async function expandInputs(patterns: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string) => {
    if (!seen.has(f)) {
      seen.add(f);
      out.push(f);
    }
  };
  for (const p of patterns) {
    if (p === '-' || !GLOB_CHARS.test(p) || existsSync(p)) {
      add(p);
      continue;
    }
    const { glob } = await import('tinyglobby');
    // Matches are reported the way the pattern was written: relative to the working directory, or absolute.
    // Symbolic links are not followed (nor matched): a pattern stays inside its base directory, and
    // link cycles (/proc/*/root → /) cannot make the walk endless. Name a linked file directly.
    const matches = (
      await glob(p, { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(p), followSymbolicLinks: false })
    ).sort();
    if (matches.length === 0) add(p);
    for (const m of matches) add(m);
  }
  return out;
}

const sizeText = (n: number) => `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** All of standard input, bounded like files (read.ts MAX_BYTES): `parse - < /dev/zero` stops with HZ005. */
export async function readStdin(limit: number = MAX_BYTES, noNul = false): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    if (noNul) {
      try {
        refuseNul(chunk as Buffer, total);
      } catch (e) {
        process.stdin.destroy();
        throw e;
      }
    }
    total += (chunk as Buffer).length;
    if (total > limit) {
      process.stdin.destroy();
      throw new InputError('HZ005', { size: `more than ${sizeText(limit)}`, limit: sizeText(limit) });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Unusable input, or a defect met while compiling this file (HZ007, with the runtime's message):
 * either way one file's failure, named, and the batch goes on.
 */
function failureOf(file: string, e: unknown, lang: Lang = 'en'): Failure {
  if (e instanceof InputError) return { file, code: e.code, message: render(e.code, e.args, lang) };
  // The caller's own failures (its sink's output, its settings) are not this file's.
  if (e instanceof Error && (e.name === 'OutputError' || e.name === 'SettingError')) throw e;
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { file, code: 'HZ007', message: render('HZ007', { detail: detail.split('\n')[0]! }, lang) };
}

// `check` needs each report's findings only (diagnostics and summary): sections are dropped as compiled.
const FINDINGS_ONLY: ReportSink = { head: () => {}, section: () => {}, withTasks: false };

/**
 * Compile one input ("-" = stdin, read at most once; or its bytes when already read). Unusable input
 * → a Failure, other errors propagate. `findingsOnly` compiles with a sink that drops the sections.
 */
export async function compileInput(
  file: string,
  options: CompileOptions & { findingsOnly?: boolean } = {},
  stdin?: Uint8Array,
): Promise<Outcome> {
  const { findingsOnly, ...compileOptions } = options;
  if (findingsOnly && !compileOptions.sink) compileOptions.sink = FINDINGS_ONLY;
  // No findings format shows the source's hash: not computed, and node:crypto not loaded (docs/performance.md).
  if (findingsOnly) compileOptions.sha256 = false;
  try {
    const { compile, compileFile } = await import('./compile.js');
    const report =
      file === '-' ? compile(stdin ?? (await readStdin()), { ...compileOptions, file: '-' }) : compileFile(file, compileOptions);
    return { file, report };
  } catch (e) {
    return { file, failure: failureOf(file, e, options.lang) };
  }
}

export interface BatchOptions extends CompileOptions {
  /** Called after each file (for a progress bar): done counts 1..total, in the order files finish. */
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Only diagnostics and summary are needed (`check`): each report is compiled with a sink that
   * drops its sections, and comes back without them. Unlike a `sink`, this can go to a worker.
   */
  findingsOnly?: boolean;
  /**
   * Worker threads: 0 compiles in-process; n > 0 uses up to n workers whenever there are two files or
   * more; undefined decides by size (useWorkers, WORKER_MIN_BYTES). Default: HZREPORT_WORKERS.
   */
  workers?: number;
}

/** The options a worker compiles with: what can be cloned to another thread (no sink, no timings). */
type WorkerOptions = Omit<CompileOptions, 'sink' | 'timings'> & { findingsOnly?: boolean };

export interface WorkerRequest {
  index: number;
  file: string;
  options: WorkerOptions;
  /** Standard input's bytes, read by the main thread ("-" can be read only once). */
  stdin?: Uint8Array;
}

export interface WorkerResponse {
  index: number;
  outcome?: Outcome;
  /** An unexpected error (a bug), rethrown by the main thread. */
  error?: { name: string; message: string; stack?: string; code?: string; syscall?: string; path?: string; errno?: number };
}

/**
 * Input bytes from which a batch may go to worker threads. Measured on the 2-core machine of
 * docs/performance.md (bundled CLI, `check`): a worker starts in ~0.1 s (it loads the compiler bundle), then
 * compiles its first file with cold code (the 10x corpus: ~0.9 s against ~0.45 s warm), and two
 * compilations at once each run ~1.7x slower than one alone (the in-process run already keeps
 * V8's background GC and compiler threads on the second core ~30% of the time). Two 10x files,
 * or two 100x files, were no faster in workers (and the 100x pair needed 490 MB against 330);
 * 4 and 8 10x files 0-10% faster for ~40% more CPU; small files slower. Hence: at least
 * 16 MiB, and at least two files per worker.
 */
export const WORKER_MIN_BYTES = 16 * 1024 * 1024;

/** A setting (environment variable) that makes no sense: the CLI prints the message as one line and exits 2. */
export class SettingError extends Error {
  constructor(
    message: string,
    /** The same in Chinese (--lang zh). */
    readonly zh: string = message,
  ) {
    super(message);
    this.name = 'SettingError';
  }
}

/**
 * Workers asked for (option, else HZREPORT_WORKERS), at most one per core: more threads than cores
 * only share them, each with its own heap (1000 asked with 500 files: 500 threads, 4.4 GB).
 */
export function requestedWorkers(
  options: Pick<BatchOptions, 'workers'> = {},
  cores = availableParallelism(),
): number | undefined {
  if (options.workers !== undefined) return Math.min(cores, Math.max(0, Math.floor(options.workers)));
  const env = process.env.HZREPORT_WORKERS;
  if (env === undefined || env.trim() === '') return undefined;
  if (!/^\d{1,6}$/.test(env.trim()))
    throw new SettingError(
      `HZREPORT_WORKERS must be a whole number of worker threads, 0 for none (got "${env.slice(0, 40)}")`,
      `HZREPORT_WORKERS 应为工作线程数（整数，0 表示不用），而不是“${env.slice(0, 40)}”`,
    );
  return Math.min(cores, Number(env.trim()));
}

/** How many worker threads to use for these files: 0 = in-process. */
export function useWorkers(files: readonly string[], options: BatchOptions = {}): number {
  // A sink or a timings record belongs to this thread: such batches stay here.
  if (files.length < 2 || options.sink || options.timings) return 0;
  const requested = requestedWorkers(options);
  if (requested !== undefined) return Math.min(requested, files.length);
  // Full reports cost more to copy back than the workers save: `export` of 4x10x took 9.0 s against
  // 6.8 s in-process (medians of 3). Only findings-only batches (`check`) go to workers unasked.
  const cores = availableParallelism();
  if (cores < 2 || !options.findingsOnly) return 0;
  let bytes = 0;
  for (const f of files) {
    if (f === '-') continue;
    try {
      bytes += statSync(f).size;
    } catch {
      // Unreadable: its failure costs nothing to compute, anywhere.
    }
  }
  const count = Math.min(cores, Math.floor(files.filter((f) => f !== '-').length / 2));
  return bytes >= WORKER_MIN_BYTES && count >= 2 ? count : 0;
}

/** Where the worker's code is: beside this module (bundled or not); undefined when running from source. */
function workerEntry(): URL | undefined {
  const here = import.meta.url;
  const names = here.endsWith('.bundle.js') ? ['hzreport-worker.bundle.js', 'batch-worker.js'] : ['batch-worker.js'];
  for (const name of names) {
    const url = new URL(name, here);
    if (existsSync(url)) return url;
  }
  return undefined;
}

function rebuildError(e: NonNullable<WorkerResponse['error']>): Error {
  const error = new Error(e.message) as NodeJS.ErrnoException;
  error.name = e.name;
  if (e.stack !== undefined) error.stack = e.stack;
  if (e.code !== undefined) error.code = e.code;
  if (e.syscall !== undefined) error.syscall = e.syscall;
  if (e.path !== undefined) error.path = e.path;
  if (e.errno !== undefined) error.errno = e.errno;
  return error;
}

/** The batch over `count` worker threads, each taking the next file; outcomes in input order. */
async function compileInWorkers(
  entry: URL,
  files: readonly string[],
  options: WorkerOptions,
  count: number,
  onProgress: BatchOptions['onProgress'],
): Promise<Outcome[]> {
  const { Worker } = await import('node:worker_threads');
  const outcomes = new Array<Outcome>(files.length);
  const workers: InstanceType<typeof Worker>[] = [];
  let next = 0;
  let done = 0;
  let settled = false;
  return new Promise<Outcome[]>((resolve, reject) => {
    // Every path ends here: all workers terminated, then the outcomes or the first error.
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      void Promise.all(workers.map((w) => w.terminate())).then(
        () => (error === undefined ? resolve(outcomes) : reject(error)),
        () => (error === undefined ? resolve(outcomes) : reject(error)),
      );
    };
    const record = (index: number, outcome: Outcome, worker: InstanceType<typeof Worker>) => {
      outcomes[index] = outcome;
      done++;
      try {
        onProgress?.(done, files.length, outcome.file);
      } catch (e) {
        finish(e);
        return;
      }
      if (done === files.length) finish();
      else void feed(worker);
    };
    const feed = async (worker: InstanceType<typeof Worker>): Promise<void> => {
      if (settled || next >= files.length) return;
      const index = next++;
      const file = files[index]!;
      let stdin: Uint8Array | undefined;
      if (file === '-') {
        try {
          stdin = await readStdin();
        } catch (e) {
          try {
            record(index, { file, failure: failureOf(file, e, options.lang) }, worker);
          } catch (bug) {
            finish(bug);
          }
          return;
        }
      }
      if (!settled) worker.postMessage({ index, file, options, stdin } satisfies WorkerRequest);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(entry);
      workers.push(worker);
      worker.on('message', (res: WorkerResponse) => {
        if (settled) return;
        if (res.error) finish(rebuildError(res.error));
        else record(res.index, res.outcome!, worker);
      });
      worker.on('error', (e) => finish(e));
      worker.on('messageerror', (e) => finish(e));
      worker.on('exit', (code) => finish(new Error(`a worker thread stopped (exit code ${code}) before the batch was done`)));
      void feed(worker);
    }
  });
}

export async function compileAll(files: readonly string[], options: BatchOptions = {}): Promise<Outcome[]> {
  const { onProgress, workers: _workers, ...compileOptions } = options;
  requestedWorkers(options); // nonsense in HZREPORT_WORKERS is refused whatever the batch
  const count = useWorkers(files, options);
  const entry = count > 0 ? workerEntry() : undefined;
  if (entry) return compileInWorkers(entry, files, compileOptions, count, onProgress);
  const outcomes: Outcome[] = [];
  for (const [i, file] of files.entries()) {
    outcomes.push(await compileInput(file, compileOptions));
    onProgress?.(i + 1, files.length, file);
  }
  return outcomes;
}

export const isFailure = (o: Outcome): o is { file: string; failure: Failure } => 'failure' in o;

/** The one-line error for an unusable input: `hzreport: FILE: message [HZ00x]`. */
export function failureLine(f: Failure): string {
  // A file name's line ends would start a second line (other controls: the CLI's stderr filter).
  return `hzreport: ${f.file.replace(/[\r\n]/g, ' ')}: ${f.message} [${f.code}]`;
}

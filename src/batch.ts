// Batches: expand files and glob patterns into an ordered list of inputs, read stdin for "-",
// and compile each one, collecting per-file results and per-file failures (never throwing).
import { existsSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { CompileOptions } from './compile.js';
import { InputError, render, type Lang } from './diagnostics.js';
import { MAX_BYTES } from './read.js';
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
    const matches = (await glob(p, { onlyFiles: true, expandDirectories: false, absolute: isAbsolute(p) })).sort();
    if (matches.length === 0) add(p);
    for (const m of matches) add(m);
  }
  return out;
}

const sizeText = (n: number) => `${(n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** All of standard input, bounded like files (read.ts MAX_BYTES): `parse - < /dev/zero` stops with HZ005. */
export async function readStdin(limit: number = MAX_BYTES): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > limit) {
      process.stdin.destroy();
      throw new InputError('HZ005', { size: `more than ${sizeText(limit)}`, limit: sizeText(limit) });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

function failureOf(file: string, e: unknown, lang: Lang = 'en'): Failure {
  if (e instanceof InputError) return { file, code: e.code, message: render(e.code, e.args, lang) };
  throw e;
}

/** Compile one input ("-" = stdin, read at most once). Unusable input → a Failure, other errors propagate. */
export async function compileInput(file: string, options: CompileOptions = {}): Promise<Outcome> {
  try {
    const { compile, compileFile } = await import('./compile.js');
    const report = file === '-' ? compile(await readStdin(), { ...options, file: '-' }) : compileFile(file, options);
    return { file, report };
  } catch (e) {
    return { file, failure: failureOf(file, e, options.lang) };
  }
}

export interface BatchOptions extends CompileOptions {
  /** Called after each file (for a progress bar). */
  onProgress?: (done: number, total: number, file: string) => void;
}

export async function compileAll(files: readonly string[], options: BatchOptions = {}): Promise<Outcome[]> {
  const { onProgress, ...compileOptions } = options;
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
  return `hzreport: ${f.file}: ${f.message} [${f.code}]`;
}

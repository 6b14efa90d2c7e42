// Hostile damage for the fuzz properties (docs/reliability.md), beside the extraction damage of
// test/damage.ts: the general rules behind the hostile-testing defects, not their single repros.
//  - keys from data: cells (units, remarks, entities, owners, whole cells) named like the
//    properties every JavaScript object inherits;
//  - nesting depth: a cell wrapped in markup nested up to twice MAX_DEPTH, closed or not;
//  - values past a double (10^308 and more);
//  - write failures and special files: an output written in random pieces to a random target
//    (new, existing with a mode, through a link, a device, a full device, under a file, a
//    directory), failing or aborted at a random point: complete or absent, never a temporary file.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { MAX_DEPTH } from '../src/html.js';
import { openOutput, OutputError } from '../src/output.js';
import type { Line } from './damage.js';

/** Names every object inherits (Object.prototype, Function.prototype) and other lookup traps. */
export const BUILTIN_NAMES = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
    'prototype',
    '__proto__',
    'then',
  ]),
];

const TAGS = ['div', 'ol', 'ul', 'li', 'p', 'b', 'span', 'em', 'table', 'font'];

export type Hostile =
  | { kind: 'builtin'; cell: number; name: number; as: 'unit' | 'remark' | 'whole' | 'entity' }
  | { kind: 'nest'; cell: number; depth: number; tag: number; closed: boolean }
  | { kind: 'bignum'; cell: number; digits: number };

const nat = fc.nat({ max: 10_000 });

export const hostileArb: fc.Arbitrary<Hostile> = fc.oneof(
  fc.record({
    kind: fc.constant('builtin' as const),
    cell: nat,
    name: nat,
    as: fc.constantFrom('unit' as const, 'remark' as const, 'whole' as const, 'entity' as const),
  }),
  fc.record({
    kind: fc.constant('nest' as const),
    cell: nat,
    depth: fc.integer({ min: 1, max: 2 * MAX_DEPTH }),
    tag: nat,
    closed: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('bignum' as const), cell: nat, digits: fc.integer({ min: 300, max: 330 }) }),
);

const QUANTITY = /^(\d+(?:\.\d+)?)(.*)$/;

/** Apply one hostile edit to a non-empty cell of a row (chosen modulo the candidates). */
export function applyHostile(doc: Line[], h: Hostile): void {
  const cells: [number, number][] = [];
  doc.forEach((l, i) => {
    if (l.kind === 'row') l.cells.forEach((c, j) => c.trim() !== '' && cells.push([i, j]));
  });
  if (!cells.length) return;
  const numeric = cells.filter(([i, j]) => QUANTITY.test(doc[i]!.cells[j]!));
  const pool = h.kind === 'nest' || (h.kind === 'builtin' && h.as !== 'unit') ? cells : numeric.length ? numeric : cells;
  const [i, j] = pool[h.cell % pool.length]!;
  const row = doc[i]!.cells;
  const text = row[j]!;
  if (h.kind === 'builtin') {
    const name = BUILTIN_NAMES[h.name % BUILTIN_NAMES.length]!;
    const m = QUANTITY.exec(text);
    row[j] =
      h.as === 'unit' && m
        ? `${m[1]}${name}`
        : h.as === 'remark'
          ? `${text}(${name})`
          : h.as === 'entity'
            ? `${text}&${name};`
            : name;
  } else if (h.kind === 'nest') {
    const tag = TAGS[h.tag % TAGS.length]!;
    row[j] = `<${tag}>`.repeat(h.depth) + text + (h.closed ? `</${tag}>`.repeat(h.depth) : '');
  } else {
    const m = QUANTITY.exec(text);
    row[j] = `${'9'.repeat(h.digits)}万${m ? m[2] : '个'}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs: complete or absent.

export type TargetKind = 'new' | 'existing' | 'link' | 'dangling' | 'nested' | 'devnull' | 'devfull' | 'underFile' | 'directory';

export interface OutputCase {
  pieces: string[];
  target: TargetKind;
  mode: number;
  /** Abort after this many pieces (undefined: commit). */
  abortAt?: number;
}

const TARGETS: TargetKind[] = ['new', 'existing', 'link', 'dangling', 'nested', 'devnull', 'devfull', 'underFile', 'directory'];

export const outputCaseArb: fc.Arbitrary<OutputCase> = fc.record(
  {
    pieces: fc.array(
      fc.oneof(
        fc.string({ maxLength: 40, unit: 'grapheme' }),
        fc.string({ maxLength: 20000 }).map((s) => s + '杭州'.repeat(s.length % 7)),
      ),
      { maxLength: 12 },
    ),
    target: fc.constantFrom(...TARGETS),
    mode: fc.constantFrom(0o600, 0o640, 0o644, 0o664),
    abortAt: fc.option(fc.nat({ max: 12 }), { nil: undefined }),
  },
  { requiredKeys: ['pieces', 'target', 'mode'] },
);

let base: string | undefined;
let counter = 0;

class OutputPropertyFailure extends Error {
  override name = 'PropertyFailure';
}

function must(ok: boolean, what: string): void {
  if (!ok) throw new OutputPropertyFailure(what);
}

/**
 * Write the pieces through openOutput to the target; then: committed → the target holds exactly
 * the pieces (an existing file keeps its mode, a link stays a link); failed or aborted → an
 * OutputError naming the output (when failed), the old contents (or nothing), no temporary file,
 * no directory made for it.
 */
export async function checkOutput(c: OutputCase): Promise<void> {
  base ??= mkdtempSync(join(tmpdir(), 'hz-fuzz-out-'));
  const dir = join(base, String(counter++));
  mkdirSync(dir);
  try {
    const file = join(dir, 'out.json');
    let path = file;
    let real = file;
    const old = 'old contents\n';
    if (c.target === 'existing' || c.target === 'link') {
      writeFileSync(file, old);
      chmodSync(file, c.mode);
      if (c.target === 'link') symlinkSync(file, (path = join(dir, 'link.json')));
    } else if (c.target === 'dangling') symlinkSync(file, (path = join(dir, 'link.json')));
    else if (c.target === 'nested') real = path = join(dir, 'a', 'b', 'out.json');
    else if (c.target === 'devnull') real = path = '/dev/null';
    else if (c.target === 'devfull') real = path = '/dev/full';
    else if (c.target === 'underFile') {
      writeFileSync(join(dir, 'plain'), old);
      real = path = join(dir, 'plain', 'out.json');
    } else if (c.target === 'directory') real = path = dir;
    if (c.target === 'devfull' && !existsSync('/dev/full')) return;
    const before = listing(dir);
    const expected = c.pieces.join('');
    let error: unknown;
    let aborted = false;
    try {
      const out = openOutput(path);
      for (const [k, piece] of c.pieces.entries()) {
        if (c.abortAt === k) {
          out.abort();
          aborted = true;
          break;
        }
        out.write(piece);
      }
      if (!aborted) await out.commit();
    } catch (e) {
      error = e;
    }
    if (error !== undefined) {
      must(error instanceof OutputError, `not an OutputError: ${String(error)}`);
      must((error as OutputError).path === path, `the error names ${(error as OutputError).path}, not ${path}`);
    }
    const failed = aborted || error !== undefined;
    const shouldFail = c.target === 'underFile' || c.target === 'directory' || (c.target === 'devfull' && expected.length > 0);
    must(aborted || failed === shouldFail, `${c.target}: ${failed ? `failed (${String(error)})` : 'succeeded'}`);
    must(!listing(dir).some((f) => f.endsWith('.tmp')), 'a temporary file was left behind');
    if (c.target === 'devnull' || c.target === 'devfull') return;
    if (failed) {
      must(
        JSON.stringify(listing(dir)) === JSON.stringify(before),
        `a failed output changed the directory: ${listing(dir).join(', ')}`,
      );
      if (c.target === 'existing' || c.target === 'link')
        must(readFileSync(file, 'utf8') === old, 'a failed output changed the existing file');
      return;
    }
    must(readFileSync(real, 'utf8') === expected, 'the output is not exactly what was written');
    if (c.target === 'existing' || c.target === 'link')
      must((statSync(file).mode & 0o777) === c.mode, 'the existing file lost its mode');
    if (c.target === 'link')
      must(readFileSync(path, 'utf8') === expected && statSync(path).isFile(), 'the link does not lead to the output');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      out.push(prefix + e.name);
      if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
    }
  };
  walk(dir, '');
  return out.sort();
}

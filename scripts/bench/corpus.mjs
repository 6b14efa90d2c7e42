// Deterministic benchmark corpus: the seed report's page blocks recombined and re-damaged
// with a seeded PRNG, at a given multiple of the seed's size. Same seed value → same bytes.
// Written under bench/corpus/ (git-ignored), never committed.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const SEED_FILE = join(ROOT, 'fixtures/hangzhou-2021-q3.tsv');
export const CORPUS_DIR = join(ROOT, 'bench/corpus');
/** Bump when the generator's output changes, so cached corpora are rebuilt. */
const GENERATOR_VERSION = 1;

/** mulberry32: small, fast, good enough for reproducible damage. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed as preamble lines + page blocks (each: its two header lines and its rows). */
export function splitSeed(text) {
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.startsWith('序号\t'));
  const preamble = lines.slice(0, first);
  const blocks = [];
  let cur = null;
  for (let i = first; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('序号\t')) {
      cur = { header: [line, lines[i + 1]], rows: [] };
      blocks.push(cur);
      i++;
    } else if (line !== '' && cur) cur.rows.push(line);
  }
  return { preamble, blocks };
}

/**
 * Damage one row the way PDF extraction does (docs/format.md, "Extraction damage"): leading empty cells lost
 * (left shift by 1..4), a stray empty cell inserted (right shift), two extra trailing fields.
 */
function damageRow(line, rnd) {
  const f = line.split('\t');
  const r = rnd();
  if (r < 0.08) {
    let lead = 0;
    while (lead < f.length - 1 && f[lead] === '') lead++;
    if (lead > 0) {
      const k = 1 + Math.floor(rnd() * Math.min(lead, 4));
      return f.slice(k).join('\t');
    }
  } else if (r < 0.1) {
    // Right shift of the tail: an empty field before the last non-empty cell, one trailing dropped.
    let last = f.length - 1;
    while (last > 0 && f[last] === '') last--;
    if (last > 0 && last < f.length - 1) {
      f.splice(last, 0, '');
      f.pop();
      return f.join('\t');
    }
  } else if (r < 0.11) {
    return line + '\t\t';
  }
  return line;
}

/** Generate the corpus text at `scale` × the seed's size (by bytes, whole blocks). */
export function generate(seedText, scale, seedValue = 20211027) {
  const rnd = prng(seedValue ^ Math.imul(scale, 0x9e3779b1));
  const { preamble, blocks } = splitSeed(seedText);
  const target = Buffer.byteLength(seedText) * scale;
  const out = [...preamble];
  let bytes = Buffer.byteLength(preamble.join('\n')) + 1;
  const push = (line) => {
    out.push(line);
    bytes += Buffer.byteLength(line) + 1;
  };
  while (bytes < target) {
    for (let b = 0; b < blocks.length && bytes < target; b++) {
      const block = blocks[b];
      const rows = block.rows.map((l) => damageRow(l, rnd));
      // Recombine page breaks: sometimes join with the next block (its header dropped),
      // sometimes break this block mid-way (a fresh header; the rows after continue the task).
      if (rnd() < 0.1 && b + 1 < blocks.length) rows.push(...blocks[++b].rows.map((l) => damageRow(l, rnd)));
      const cut = rows.length > 3 && rnd() < 0.15 ? 1 + Math.floor(rnd() * (rows.length - 2)) : -1;
      if (out.length) push('');
      push(block.header[0]);
      push(block.header[1]);
      rows.forEach((row, i) => {
        if (i === cut) {
          push('');
          push(block.header[0]);
          push(block.header[1]);
        }
        push(row);
      });
    }
  }
  return out.join('\n') + '\n';
}

/** Path of the corpus file for `scale`, generating it when missing or stale. */
export function corpusFile(scale, seedValue = 20211027) {
  const seedText = readFileSync(SEED_FILE, 'utf8');
  const key = createHash('sha256').update(`${GENERATOR_VERSION}:${seedValue}:`).update(seedText).digest('hex').slice(0, 12);
  const file = join(CORPUS_DIR, `seed-${scale}x-${key}.tsv`);
  if (!existsSync(file)) {
    mkdirSync(CORPUS_DIR, { recursive: true });
    writeFileSync(file, generate(seedText, scale, seedValue));
  }
  return file;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const s of process.argv.slice(2).map(Number).filter(Boolean)) console.log(corpusFile(s));
}

#!/usr/bin/env node
// `npm run bench`: the speed and memory budget (docs/performance.md, docs/architecture.md "Speed"), in one run.
//   node scripts/bench/run.mjs [--smoke] [--label NAME] [--no-write] [--reps N] [--pairs N] [--scales 1,10,100]
//                              [--cold-rounds FILE]
//   node scripts/bench/run.mjs --throughput [--reps N] [--scales 100]: the throughput part alone (100×, 3 pairs,
//   no cold start, nothing written), for an inner loop; prints the section.
// 1. Throughput: for each corpus (the seed's blocks recombined and re-damaged, 1×, 10×, 100×),
//    bare csv-parse tokenization vs the end-to-end compile of the same bytes, each in a fresh
//    process (scripts/bench/measure.mjs), alternating; medians of wall and CPU time, per-stage
//    times, MB/s, peak RSS.
// 2. Cold start: `hzreport check` of the seed vs `node -e 0` vs a bare process importing
//    csv-parse and tokenizing the seed (scripts/bench/bare.mjs), run in rotating order (the
//    "alternating pairs"), medians and ratios.
// 3. The budget, and a markdown report written into docs/performance.md under the label
//    (default "latest"); other labels' sections are kept. --smoke: 1× only, few runs, prints
//    the report without writing it (CI runs it; no timing assertions anywhere).
// The machine is shared and noisy: wall-clock medians are what the budget names; CPU time
// (user + system) is reported beside them because it is much less sensitive to other load.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { corpusFile, ROOT, SEED_FILE } from './corpus.mjs';

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const smoke = flag('--smoke');
// --throughput: the 100× throughput comparison only, a few pairs, nothing written.
const tpOnly = flag('--throughput');
const label = opt('--label', smoke ? 'smoke' : tpOnly ? 'throughput' : 'latest');
const write = !smoke && !tpOnly && !flag('--no-write');
// --scales none: only the cold-start comparison.
const scales = opt('--scales', smoke ? '1' : tpOnly ? '100' : '1,10,100').split(',').map(Number).filter((x) => x > 0);
const repsFor = (scale) => Number(opt('--reps', smoke ? 1 : tpOnly ? 3 : scale >= 100 ? 5 : scale >= 10 ? 5 : 9));
const pairs = Number(opt('--pairs', smoke ? 2 : 21));
// --root DIR: benchmark the build in another checkout (its dist/ and bin/), with this corpus.
const target = opt('--root', ROOT);
const DOC = join(ROOT, 'docs/performance.md');
const MEASURE = join(ROOT, 'scripts/bench/measure.mjs');
const BARE = join(ROOT, 'scripts/bench/bare.mjs');
const CLI = join(target, 'bin/hzreport.js');

const log = (s) => process.stderr.write(s + '\n');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const MB = 1024 * 1024;

if (!existsSync(join(target, 'dist/compile.js'))) {
  log('bench: dist/ is missing; run `npm run build` first (npm run bench does).');
  process.exit(2);
}

function machine() {
  let commit = '';
  try {
    commit = opt('--commit', '') || execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: target, encoding: 'utf8' }).trim();
    const dirty = target === ROOT && execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (+ uncommitted changes in src/)';
  } catch {
    commit = 'unknown';
  }
  return {
    nproc: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit,
    load: loadavg().map((x) => x.toFixed(2)).join(' '),
  };
}

// A run longer than this is stopped and reported as a lower bound (a non-linear stage at 100×
// must not hold the benchmark for hours).
const TIMEOUT_S = Number(opt('--timeout', 900));
// After this much time spent on one corpus, remaining repetitions are skipped.
const CORPUS_BUDGET_S = Number(opt('--corpus-budget', 600));

function measureOnce(mode, file) {
  const env = { ...process.env, HZ_BENCH_ROOT: target };
  const r = spawnSync(process.execPath, [MEASURE, mode, file], { encoding: 'utf8', maxBuffer: 16 * MB, env, timeout: TIMEOUT_S * 1000 });
  if (r.error?.code === 'ETIMEDOUT' || (r.status === null && r.signal)) {
    log(`  ${mode} ${file}: stopped after ${TIMEOUT_S} s`);
    return { mode, timedOut: true, ms: TIMEOUT_S * 1000, cpuMs: NaN, stages: {}, maxRssKB: NaN, bytes: statSync(file).size, rows: NaN };
  }
  if (r.status !== 0) throw new Error(`bench: ${mode} ${file} failed (exit ${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

function throughput(scale) {
  const file = corpusFile(scale);
  const bytes = statSync(file).size;
  const reps = repsFor(scale);
  const runs = { tokenize: [], compile: [] };
  const began = Date.now();
  for (let i = 0; i < reps; i++) {
    const order = i % 2 ? ['compile', 'tokenize'] : ['tokenize', 'compile'];
    for (const mode of order) runs[mode].push(measureOnce(mode, file));
    if (runs.compile.some((r) => r.timedOut) || (Date.now() - began) / 1000 > CORPUS_BUDGET_S) break;
  }
  const sum = (mode) => {
    const rs = runs[mode];
    const stages = {};
    const done = rs.filter((r) => !r.timedOut);
    for (const k of Object.keys(done[0]?.stages ?? {})) stages[k] = median(done.map((r) => r.stages[k] ?? 0));
    const cpuStages = {};
    for (const k of Object.keys(done[0]?.cpuStages ?? {})) cpuStages[k] = median(done.map((r) => r.cpuStages?.[k] ?? 0));
    return {
      ms: median(rs.map((r) => r.ms)),
      cpuMs: median(rs.map((r) => r.cpuMs)),
      rssMB: Math.max(...rs.map((r) => r.maxRssKB)) / 1024,
      stages,
      cpuStages,
      runs: rs.length,
      timedOut: rs.some((r) => r.timedOut),
      last: done[done.length - 1] ?? rs[rs.length - 1],
    };
  };
  const t = sum('tokenize');
  const c = sum('compile');
  // The verdict: the median of the ratios of each pair (a compile and the bare run next to it), so that a
  // baseline that ran fast or slow in a few runs (the machine is shared) does not decide it alone.
  const pairRatio = (key) => median(runs.compile.map((r, i) => r[key] / runs.tokenize[i][key]).filter(Number.isFinite));
  const ratio = { wall: pairRatio('ms'), cpu: pairRatio('cpuMs'), ofMedians: c.ms / t.ms, ofMediansCpu: c.cpuMs / t.cpuMs };
  log(
    `  ${scale}×: ${fmt(bytes / MB, 1)} MB, tokenize ${fmt(t.ms)} ms (CPU ${fmt(t.cpuMs)}), compile ${fmt(c.ms)} ms (CPU ${fmt(c.cpuMs)}, ` +
      `RSS ${fmt(c.rssMB)} MB) (${c.runs} runs each); pair ratios: wall ${runs.compile.map((r, i) => fmt(r.ms / runs.tokenize[i].ms, 2)).join(' ')}, ` +
      `CPU ${runs.compile.map((r, i) => fmt(r.cpuMs / runs.tokenize[i].cpuMs, 2)).join(' ')}; median ${fmt(ratio.wall, 2)} (CPU ${fmt(ratio.cpu, 2)})`,
  );
  return { scale, file, bytes, reps: c.runs, tokenize: t, compile: c, ratio };
}

// Cold start of a whole process: wall and CPU time from bash's `time` (ms resolution). Standard output goes
// into a pipe that is read as it comes, as a caller's would (a pipe costs what /dev/null does not: see
// docs/performance.md, "The slow mode"); the reader's time is not counted.
function timeProcess(argv) {
  const script = 'TIMEFORMAT="%3R %3U %3S"; exec 3>&1; { time "$@" 2>/dev/null; } 2>&3 | cat >/dev/null; echo "rc=${PIPESTATUS[0]}"';
  const r = spawnSync('bash', ['-c', script, 'bench', ...argv], {
    encoding: 'utf8',
  });
  const out = r.stdout.trim().split('\n');
  const m = /(\d+\.\d+) (\d+\.\d+) (\d+\.\d+)/.exec(out.find((l) => /^\d+\.\d+ /.test(l)) ?? '');
  if (!m) throw new Error(`bench: could not time ${argv.join(' ')}: ${r.stdout}${r.stderr}`);
  return { wall: Number(m[1]) * 1000, cpu: (Number(m[2]) + Number(m[3])) * 1000 };
}

function coldStart() {
  const seed = SEED_FILE;
  // The CLI must really check the seed: exit 0 or 1 (findings), and print something.
  // (A build without `check`, e.g. an early commit measured as "before", runs `parse -o /dev/null`.)
  let cliArgs = ['check', seed, '--format', 'json'];
  let probe = spawnSync(process.execPath, [CLI, ...cliArgs], { encoding: 'utf8' });
  if (probe.status === 2 && /usage/i.test(probe.stderr)) {
    cliArgs = ['parse', seed, '-o', '/dev/null'];
    probe = spawnSync(process.execPath, [CLI, ...cliArgs], { encoding: 'utf8' });
  }
  if (probe.status !== 0 && probe.status !== 1) throw new Error(`bench: hzreport ${cliArgs[0]} failed (exit ${probe.status}): ${probe.stderr}`);
  const cmds = {
    node0: [process.execPath, '-e', '0'],
    bare: [process.execPath, BARE, seed],
    check: [process.execPath, CLI, ...cliArgs],
  };
  // bin/hzreport.js runs the esbuild bundle when it is current (see bin/hzreport.js).
  const bundled = () => {
    try {
      return statSync(join(target, 'dist/hzreport.bundle.js')).mtimeMs >= statSync(join(target, 'dist/cli.js')).mtimeMs;
    } catch {
      return false;
    }
  };
  const bundledAtStart = bundled();
  const names = Object.keys(cmds);
  const res = { node0: [], bare: [], check: [] };
  // One warm-up round (file cache), then rotating order so no command always runs first.
  for (const n of names) timeProcess(cmds[n]);
  for (let i = 0; i < pairs; i++) {
    const order = names.map((_, k) => names[(k + i) % names.length]);
    for (const n of order) res[n].push(timeProcess(cmds[n]));
  }
  // --cold-rounds FILE: every round's times, one line per process (round, command, wall ms, CPU ms), to see
  // the spread behind the medians (docs/performance.md, "The slow mode").
  const roundsFile = opt('--cold-rounds', '');
  if (roundsFile) {
    const lines = ['round\tcommand\twall_ms\tcpu_ms'];
    for (let i = 0; i < pairs; i++) for (const n of names) lines.push(`${i + 1}\t${n}\t${fmt(res[n][i].wall)}\t${fmt(res[n][i].cpu)}`);
    writeFileSync(roundsFile, lines.join('\n') + '\n');
  }
  const stat = (n, key) => median(res[n].map((r) => r[key]));
  const pairRatio = (a, b, key) => median(res[a].map((r, i) => r[key] / res[b][i][key]));
  const out = { runs: pairs, command: `hzreport ${cliArgs.join(' ').replace(seed, 'SEED')}` };
  // Another build (a plain tsc) during the rounds switches bin to dist/cli.js: say so.
  const bundledAtEnd = bundled();
  out.bundled =
    bundledAtStart && bundledAtEnd
      ? 'the esbuild bundle (dist/hzreport.bundle.js) in every round'
      : bundledAtStart || bundledAtEnd
        ? 'the bundle in some rounds only (a tsc build ran meanwhile)'
        : "tsc's unbundled dist/cli.js (a tsc build ran after the bundle was made)";
  for (const n of names) out[n] = { wall: stat(n, 'wall'), cpu: stat(n, 'cpu'), min: Math.min(...res[n].map((r) => r.wall)) };
  out.ratio = {
    checkBare: {
      wall: out.check.wall / out.bare.wall,
      cpu: out.check.cpu / out.bare.cpu,
      pairs: pairRatio('check', 'bare', 'wall'),
      cpuPairs: pairRatio('check', 'bare', 'cpu'),
    },
    bareNode: { wall: out.bare.wall / out.node0.wall, cpu: out.bare.cpu / out.node0.cpu, pairs: pairRatio('bare', 'node0', 'wall') },
    checkNode: { wall: out.check.wall / out.node0.wall, cpu: out.check.cpu / out.node0.cpu, pairs: pairRatio('check', 'node0', 'wall') },
  };
  log(`  cold: node -e 0 ${fmt(out.node0.wall)} ms, bare ${fmt(out.bare.wall)} ms, check ${fmt(out.check.wall)} ms (${pairs} rounds)`);
  return out;
}

// Since the compile streams (one section at a time through tokenize → … → emit), tokenizing,
// typing, realigning and assembling are interleaved and timed together as "assemble"; "scan" is
// the line count and table pre-check; "emit" includes validating each section. Older builds
// report "tokenize" and "validate" separately.
const STAGES = ['read', 'decode', 'scan', 'tokenize', 'assemble', 'recompute', 'check', 'diagnostics', 'validate', 'emit'];

function report(m, tp, cold) {
  const L = [];
  L.push(`## ${label}`, '');
  L.push(
    `Run ${m.date}, commit ${m.commit}. Machine: ${m.nproc} cores (\`nproc\`), ${m.cpu}, Node ${m.node}; ` +
      `load average at start ${m.load}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')} (the machine is shared).`,
    '',
  );
  if (tp.length) {
  L.push('### Throughput (fresh process per run, modules loaded before the clock; medians)', '');
  L.push('| corpus | size | lines | runs | bare csv-parse ms (CPU) | MB/s | compile ms (CPU) | MB/s | compile ÷ bare, median of pairs: wall (CPU) | peak RSS bare / compile | RSS budget |');
  L.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of tp) {
    const mb = r.bytes / MB;
    L.push(
      `| ${r.scale}× | ${fmt(mb, 2)} MB | ${r.compile.last.rows} | ${r.reps} | ${fmt(r.tokenize.ms)} (${fmt(r.tokenize.cpuMs)}) | ${fmt(mb / (r.tokenize.ms / 1000), 2)} | ` +
        `${r.compile.timedOut ? '> ' : ''}${fmt(r.compile.ms)} (${fmt(r.compile.cpuMs)}) | ${fmt(mb / (r.compile.ms / 1000), 2)} | ${fmt(r.ratio.wall, 2)} (${fmt(r.ratio.cpu, 2)}) | ` +
        `${fmt(r.tokenize.rssMB)} / ${fmt(r.compile.rssMB)} MB | ${fmt(5 * mb + 100)} MB |`,
    );
  }
  L.push('', '### Compile stages (medians, wall ms; total CPU = user + system of the whole compile)', '');
  L.push(`| corpus | ${STAGES.join(' | ')} | total | total CPU | tasks | indicators | JSON out |`);
  L.push(`|---|${STAGES.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|`);
  for (const r of tp) {
    const s = r.compile.stages;
    L.push(
      `| ${r.scale}× | ${STAGES.map((k) => fmt(s[k], s[k] < 10 ? 1 : 0)).join(' | ')} | ${fmt(r.compile.ms)} | ${fmt(r.compile.cpuMs)} | ${r.compile.last.tasks} | ${r.compile.last.indicators} | ${fmt(r.compile.last.jsonBytes / MB, 1)} MB |`,
    );
  }
  if (tp.length > 1) {
    // Per-stage growth from the smallest to the largest corpus (linear = the size ratio).
    const a = tp[0];
    const b = tp[tp.length - 1];
    const g = (k) => b.compile.stages[k] / a.compile.stages[k];
    L.push(`| ${b.scale}× ÷ ${a.scale}× | ${STAGES.map((k) => fmt(g(k), 1)).join(' | ')} | ${fmt(b.compile.ms / a.compile.ms, 1)} | ${fmt(b.compile.cpuMs / a.compile.cpuMs, 1)} | | | |`);
  }
  }
  if (cold) {
    L.push('', `### Cold start on the seed (${cold.runs} rounds in rotating order, after one warm-up round; ms)`, '');
    L.push(`bin/hzreport.js ran ${cold.bundled}.`, '');
    L.push('| process | median wall | min wall | median CPU (user+sys) | wall × `node -e 0` |');
    L.push('|---|---:|---:|---:|---:|');
    const row = (name, k) => `| ${name} | ${fmt(cold[k].wall)} | ${fmt(cold[k].min)} | ${fmt(cold[k].cpu)} | ${fmt(cold[k].wall / cold.node0.wall, 2)} |`;
    L.push(row('`node -e 0`', 'node0'), row('bare: import csv-parse, tokenize the seed', 'bare'), row(`\`${cold.command}\``, 'check'));
  }
  // The budget (docs/architecture.md, "Speed").
  const by = (s) => tp.find((r) => r.scale === s);
  const big = by(100) ?? tp[tp.length - 1];
  const one = by(1);
  const rows = [];
  if (cold) rows.push([`cold \`${cold.command}\` ÷ bare csv-parse process`, '≤ 1.5', `${fmt(cold.ratio.checkBare.wall, 2)} (median of per-round ratios ${fmt(cold.ratio.checkBare.pairs, 2)}; CPU ${fmt(cold.ratio.checkBare.cpu, 2)}, per round ${fmt(cold.ratio.checkBare.cpuPairs, 2)})`, cold.ratio.checkBare.wall <= 1.5]);
  if (cold) rows.push(['bare csv-parse process ÷ `node -e 0` (~2.3 when the budget was set)', 'info', `${fmt(cold.ratio.bareNode.wall, 2)} (CPU ${fmt(cold.ratio.bareNode.cpu, 2)})`, null]);
  if (big)
    rows.push([
      `compile ÷ bare tokenization, ${big.scale}× corpus`,
      '≤ 1.5',
      `${fmt(big.ratio.wall, 2)} (median of ${big.reps} alternating pairs' ratios; CPU ${fmt(big.ratio.cpu, 2)}; ratio of the medians ${fmt(big.ratio.ofMedians, 2)}, CPU ${fmt(big.ratio.ofMediansCpu, 2)})`,
      big.ratio.wall <= 1.5,
    ]);
  if (big && one && big !== one) {
    const k = big.scale / one.scale;
    const lim = k * 1.1;
    rows.push([`compile time ${big.scale}× ÷ 1×`, `≤ ${fmt(lim)}`, `${fmt(big.compile.ms / one.compile.ms, 1)} (CPU ${fmt(big.compile.cpuMs / one.compile.cpuMs, 1)})`, big.compile.ms / one.compile.ms <= lim]);
  }
  if (big) {
    const lim = 5 * (big.bytes / MB) + 100;
    rows.push([`peak RSS, ${big.scale}× compile`, `≤ ${fmt(lim)} MB`, `${fmt(big.compile.rssMB)} MB`, big.compile.rssMB <= lim]);
  }
  L.push('', '### Budget', '', '| budget | limit | measured | met |', '|---|---|---|---|');
  for (const [what, lim, got, ok] of rows) L.push(`| ${what} | ${lim} | ${got} | ${ok === null ? '' : ok ? 'yes' : '**no**'} |`);
  L.push('');
  return L.join('\n');
}

const HEAD = `# Performance

Generated by \`npm run bench\` (scripts/bench/run.mjs); the "before" and "after" sections are runs of that
command with \`-- --label before|after\` and are replaced when re-run with the same label. The corpus is the seed
report's page blocks recombined and re-damaged with a seeded PRNG (scripts/bench/corpus.mjs) at 1×, 10× and 100×
the seed's size, generated into bench/corpus/ (git-ignored); 1 MB = 2^20 bytes. "Bare csv-parse" reads, decodes and tokenizes the
same bytes with the csv-parse options the compiler's tokenizer reproduces, called plainly. "Compile" is what
\`hzreport parse FILE -o OUT\` does: read → decode → tokenize → classify/realign/assemble → recompute → check →
validate → JSON written (into /dev/null), timed per stage inside one fresh process with the modules already
loaded. The machine is shared with other builds and tests: wall times are noisy,
so medians of alternating runs are reported, with CPU time (user + system) beside them.

`;

function writeDoc(section) {
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : HEAD;
  const open = `<!-- bench:${label} -->`;
  const close = `<!-- /bench:${label} -->`;
  const block = `${open}\n${section}\n${close}`;
  const i = doc.indexOf(open);
  const j = doc.indexOf(close);
  if (i >= 0 && j > i) doc = doc.slice(0, i) + block + doc.slice(j + close.length);
  else {
    // New sections go before the closing note, if there is one.
    const note = doc.indexOf('<!-- notes -->');
    doc = note >= 0 ? doc.slice(0, note) + block + '\n\n' + doc.slice(note) : doc.replace(/\n*$/, '\n\n') + block + '\n';
  }
  writeFileSync(DOC, doc);
}

const m = machine();
log(`bench (${smoke ? 'smoke' : 'full'}): ${m.nproc} cores, ${m.cpu}, node ${m.node}, load ${m.load}`);
const tp = scales.map(throughput);
const cold = flag('--no-cold') || tpOnly ? null : coldStart();
const section = report(m, tp, cold);
process.stdout.write(section + '\n');
if (write) {
  writeDoc(section);
  log(`bench: wrote ${DOC} (section "${label}")`);
}

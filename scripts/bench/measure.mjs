// One measurement in a fresh process: `node measure.mjs tokenize|compile FILE`.
// Modules are imported before the clock starts; prints one JSON line:
// { ms, cpuMs, stages: { stage: ms }, maxRssKB, bytes, rows, ... }.
// `tokenize` is the baseline: bare csv-parse on the same bytes (read, decode, parse with the
// compiler's options, plainly called). `compile` is the whole pipeline up to the emitted JSON.
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';

const [mode, file] = process.argv.slice(2);
const result = { mode, ms: 0, cpuMs: 0, stages: {}, cpuStages: {}, maxRssKB: 0, bytes: 0, rows: 0 };
let mark = 0;
let cpu0;
let cpuMark;
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
const start = () => {
  cpu0 = process.cpuUsage();
  cpuMark = cpuNow();
  mark = performance.now();
};
const cpuLap = (stage) => {
  const now = cpuNow();
  result.cpuStages[stage] = (result.cpuStages[stage] ?? 0) + now - cpuMark;
  cpuMark = now;
};
const lap = (stage) => {
  const now = performance.now();
  result.stages[stage] = now - mark;
  mark = now;
  cpuLap(stage);
};
// compileSource's timings hook records wall time per stage. CPU time is taken around the whole
// compile only: the stages alternate for every task, and reading the CPU clock ~100,000 times
// (process.cpuUsage) would itself cost seconds at 100×.

if (mode === 'tokenize') {
  start();
  const bytes = readFileSync(file);
  lap('read');
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  lap('decode');
  const records = parse(text, {
    delimiter: '\t',
    quote: false,
    relax_column_count: true,
    record_delimiter: ['\r\n', '\n', '\r'],
    skip_empty_lines: false,
  });
  lap('tokenize');
  result.bytes = bytes.length;
  result.rows = records.length;
} else if (mode === 'compile') {
  const t0 = performance.now();
  // HZ_BENCH_ROOT: measure another checkout's build (e.g. an older commit for "before").
  const dist = new URL('dist/', pathToFileURL((process.env.HZ_BENCH_ROOT ?? new URL('../..', import.meta.url).pathname) + '/'));
  const { decode } = await import(new URL('read.js', dist).href);
  const { compileSource } = await import(new URL('compile.js', dist).href);
  const { assertValidReport } = await import(new URL('validate.js', dist).href);
  // What `hzreport parse FILE -o OUT` does: sections validated and written as they are compiled
  // (here into /dev/null, so that the disk is not measured). Builds before streaming: validate,
  // then JSON.stringify the whole report.
  const writerModule = existsSync(new URL('emit/report-json.js', dist)) ? await import(new URL('emit/report-json.js', dist).href) : null;
  const outputModule = writerModule && (await import(new URL('output.js', dist).href));
  // The V8 tuning the CLI applies (src/tune.ts), where the build has it.
  // As the CLI does for the input's size (tuneForInputs, in builds that have it): V8's defaults back above 1 MiB.
  if (existsSync(new URL('tune.js', dist))) {
    const tune = await import(new URL('tune.js', dist).href);
    tune.tuneV8();
    tune.tuneForInputs?.(statSync(file).size);
  }
  result.importMs = performance.now() - t0;
  start();
  // As the CLI reads (src/read.ts): the bytes are not kept once decoded.
  let bytes = readFileSync(file);
  lap('read');
  const source = decode(file, bytes);
  result.bytes = bytes.length;
  bytes = null;
  lap('decode');
  const timings = {};
  let jsonBytes = 0;
  if (writerModule) {
    const fd = openSync('/dev/null', 'w');
    // The CLI's buffering (src/output.ts: encoded; chunked in builds before it), into /dev/null instead of a temporary file.
    const { chunked, encoded } = outputModule;
    const chunks = encoded
      ? encoded((b) => (jsonBytes += writeSync(fd, b)))
      : chunked((s) => (jsonBytes += writeSync(fd, s)));
    const out = { write: chunks.write, writeBytes: chunks.writeBytes, commit: () => (chunks.flush(), closeSync(fd)), abort: () => closeSync(fd) };
    const writer = writerModule.reportWriter(out);
    // The writer's time (validation, JSON, write) is charged to "emit" by compileSource's hook.
    const report = compileSource(source, { timings, sink: writer });
    cpuLap('compile');
    Object.assign(result.stages, timings);
    mark = performance.now();
    cpuMark = cpuNow();
    writer.finish(report);
    out.commit();
    lap('finish');
    result.stages.emit = (result.stages.emit ?? 0) + result.stages.finish;
    result.cpuStages.compile += result.cpuStages.finish;
    delete result.stages.finish;
    delete result.cpuStages.finish;
    result.tasks = report.summary.tasks;
    result.indicators = report.summary.indicators;
    result.diagnostics = report.diagnostics.length;
    result.rows = report.source.lines;
  } else {
    const report = compileSource(source, { timings });
    cpuLap('compile');
    Object.assign(result.stages, timings);
    mark = performance.now();
    cpuMark = cpuNow();
    assertValidReport(report);
    const json = JSON.stringify(report, null, 2) + '\n';
    lap('emit');
    jsonBytes = Buffer.byteLength(json);
    result.tasks = report.summary.tasks;
    result.indicators = report.summary.indicators;
    result.diagnostics = report.diagnostics.length;
    result.rows = report.source.lines;
  }
  result.jsonBytes = jsonBytes;
} else {
  throw new Error(`unknown mode ${mode}`);
}
const cpu = process.cpuUsage(cpu0);
result.cpuMs = (cpu.user + cpu.system) / 1000;
result.ms = Object.values(result.stages).reduce((a, b) => a + b, 0);
result.maxRssKB = process.resourceUsage().maxRSS;
process.stdout.write(JSON.stringify(result) + '\n');

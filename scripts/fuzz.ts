// npm run fuzz [-- --runs N] [--seed S] [--max-failures K] [--replay CASE_JSON [--out FILE]]
// Runs the damage properties of test/damage.ts on many random cases (default 10,000): each case
// compiles a window of real seed blocks after structural damage (never throws, schema-valid,
// every cell accounted for), then again after formatting damage (same tree). Prints the count
// and every distinct failure with its shrunk case; exit 1 when any failed.
// --replay writes a case's damaged text (to --out, or stdout) and checks it once.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { caseArb, checkCase, replayCase, type Case } from '../test/damage.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const replay = arg('replay');
if (replay) {
  const c = JSON.parse(replay) as Case;
  const text = replayCase(c);
  const out = arg('out');
  if (out) writeFileSync(out, text);
  else process.stdout.write(text + '\n');
  try {
    checkCase(c);
    process.stderr.write('fuzz: case passes\n');
  } catch (e) {
    process.stderr.write(`fuzz: case fails: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
} else {
  const target = Number(arg('runs') ?? 10_000);
  const maxFailures = Number(arg('max-failures') ?? 10);
  let seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
  const firstSeed = seed;
  const chunk = 500;
  const started = Date.now();
  let runs = 0;
  const failures = new Map<string, { seed: number; path: string; case: Case; message: string; count: number }>();
  while (runs < target && failures.size < maxFailures) {
    const details = fc.check(fc.property(caseArb(8), checkCase), { numRuns: Math.min(chunk, target - runs), seed });
    runs += details.numRuns;
    if (details.failed) {
      const message = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      // One entry per kind of failure: numbers and quoted text vary between instances.
      const kind = message.replace(/: .*/s, '').replace(/\d+/g, 'N');
      const seen = failures.get(kind);
      if (seen) seen.count++;
      else failures.set(kind, { seed, path: details.counterexamplePath ?? '', case: details.counterexample![0] as Case, message, count: 1 });
    }
    seed = (seed + 1) % 2 ** 31;
    if (process.stderr.isTTY) process.stderr.write(`\rfuzz: ${runs} cases, ${failures.size} distinct failures`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${runs} cases (seeds from ${firstSeed}) in ${seconds} s: ${failures.size === 0 ? 'no failures' : `${failures.size} distinct failures`}`);
  for (const f of failures.values()) {
    console.log(`\nFAIL ×${f.count} (seed ${f.seed}, path ${f.path}): ${f.message.split('\n')[0]}`);
    console.log(`  case: ${JSON.stringify(f.case)}`);
    console.log(`  replay: npm run fuzz -- --replay '${JSON.stringify(f.case)}' --out /tmp/case.tsv`);
  }
  if (failures.size) process.exitCode = 1;
}

// npm run fuzz [-- --runs N] [--seed S] [--property all|structural] [--replay CASE_JSON [--out FILE]]
// Runs the damage properties of test/damage.ts on many random cases (default 10,000): each case
// compiles a window of real seed blocks after structural damage (never throws, schema-valid,
// every cell accounted for), then again after formatting damage (same tree). Prints the count
// and every distinct failure with its shrunk case; exit 1 when any failed. --property structural
// runs only the first half (to look past a known formatting failure). Cases carry hostile edits too
// (test/hostile.ts: built-in names, deep markup, huge values), and each case comes with an output
// case (pieces written to a random target, failing or aborted at random: complete or absent).
// --property output runs only those.
// --replay writes a case's damaged text (to --out, or stdout) and checks it once.
import { writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { caseArb, checkCase, checkStructural, replayCase, type Case } from '../test/damage.js';
import { checkOutput, outputCaseArb, type OutputCase } from '../test/hostile.js';

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
  const property = arg('property') ?? 'all';
  const check = { all: checkCase, structural: checkStructural, output: () => {} }[property];
  if (!check) throw new Error('--property is all, structural or output');
  const outputs = property !== 'structural';
  const outputFailures = new Map<string, { case: OutputCase; message: string; count: number }>();
  let seed = Number(arg('seed') ?? Date.now() % 2 ** 31);
  const firstSeed = seed;
  const chunk = 500;
  const started = Date.now();
  let runs = 0;
  let failed = 0;
  const failures = new Map<string, { seed: number; path: string; case: Case; message: string; count: number }>();
  const aliases = new Map<string, string>();
  const kindOf = (message: string): string => message.replace(/: .*/s, '').replace(/\d+/g, 'N');
  while (runs < target) {
    // Every case runs (a failure does not end the chunk), so the count is exact; only the
    // first failure of each kind is shrunk, by replaying it through fc.check (same seed, its path).
    const cases = fc.sample(caseArb(8), { numRuns: Math.min(chunk, target - runs), seed });
    cases.forEach((c, i) => {
      try {
        check(c);
        return;
      } catch (e) {
        failed++;
        const message = e instanceof Error ? e.message : String(e);
        // One entry per kind of failure (the shrunk message before its first ": ", digits ignored).
        const raw = kindOf(message);
        const known = failures.get(aliases.get(raw) ?? raw);
        if (known) return void known.count++;
        const details = fc.check(fc.property(caseArb(8), check), { seed, path: String(i), numRuns: 1 });
        const shrunk = details.failed ? (details.counterexample![0] as Case) : c;
        const shrunkMessage = details.errorInstance instanceof Error ? details.errorInstance.message : message;
        const kind = kindOf(shrunkMessage);
        aliases.set(raw, kind);
        const same = failures.get(kind);
        if (same) return void same.count++;
        failures.set(kind, {
          seed,
          path: details.counterexamplePath ?? String(i),
          case: shrunk,
          message: shrunkMessage,
          count: 1,
        });
      }
    });
    if (outputs) {
      for (const o of fc.sample(outputCaseArb, { numRuns: cases.length, seed })) {
        try {
          await checkOutput(o);
        } catch (e) {
          failed++;
          const message = e instanceof Error ? e.message : String(e);
          const known = outputFailures.get(kindOf(message));
          if (known) known.count++;
          else outputFailures.set(kindOf(message), { case: o, message, count: 1 });
        }
      }
    }
    runs += cases.length;
    seed = (seed + 1) % 2 ** 31;
    if (process.stderr.isTTY) process.stderr.write(`\rfuzz: ${runs} cases, ${failed} failed`);
  }
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const distinct = failures.size + outputFailures.size;
  console.log(
    `fuzz: ${runs} cases${outputs ? ` and ${runs} outputs` : ''} (${property} properties, seeds ${firstSeed}..${seed - 1}) in ${seconds} s: ${failed} failed${distinct ? `, ${distinct} distinct failures` : ''}`,
  );
  for (const f of outputFailures.values())
    console.log(`\nFAIL ×${f.count} (output): ${f.message.split('\n')[0]}\n  case: ${JSON.stringify(f.case).slice(0, 500)}`);
  for (const f of failures.values()) {
    console.log(`\nFAIL ×${f.count} (seed ${f.seed}, path ${f.path}): ${f.message.split('\n')[0]}`);
    console.log(`  case: ${JSON.stringify(f.case)}`);
    console.log(`  replay: npm run fuzz -- --replay '${JSON.stringify(f.case)}' --out /tmp/case.tsv`);
  }
  if (failed) process.exitCode = 1;
}

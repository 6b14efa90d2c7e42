// `npx tsx scripts/dev/damage-audit.ts [-n 5] [--seed 1] [--set KIND=RATE ...]`: the damage of the
// bundled report beside the damage of n canonical renderings (mean per rendering), kind by kind
// (test/helpers/sim/audit.ts; docs/fidelity.md, "Damage").
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { compile } from '../../src/compile.js';
import { audit } from '../../test/helpers/sim/audit.js';
import { FULL_DAMAGE, SEED_TSV, fromReport, render, type Damage } from '../../test/helpers/sim/index.js';

const { values: opt } = parseArgs({
  options: {
    n: { type: 'string', short: 'n', default: '5' },
    seed: { type: 'string', default: '1' },
    set: { type: 'string', multiple: true, default: [] },
  },
});
const damage: Damage = { ...FULL_DAMAGE };
for (const kv of opt.set) {
  const [k, v] = kv.split('=') as [keyof Damage, string];
  (damage as unknown as Record<string, unknown>)[k] = k === 'pageRows' ? v.split(',').map(Number) : Number(v);
}
const text = readFileSync(SEED_TSV, 'utf8');
const real = audit(text, compile(text, { file: 'bundled.tsv' }));
const tr = fromReport();
const sim: Record<string, number> = {};
const n = Number(opt.n);
for (let i = 0; i < n; i++) {
  const r = render(tr, { seed: Number(opt.seed) + i, layout: 'canonical', damage });
  const a = audit(r.text, compile(r.text, { file: 'sim.tsv' }));
  for (const [k, v] of Object.entries(a)) sim[k] = (sim[k] ?? 0) + v / n;
}
const keys = [...new Set([...Object.keys(real), ...Object.keys(sim)])].sort();
console.log(`${'kind'.padEnd(48)} ${'real'.padStart(7)} ${'sim'.padStart(8)}`);
for (const k of keys) console.log(`${k.padEnd(48)} ${String(real[k] ?? 0).padStart(7)} ${(sim[k] ?? 0).toFixed(1).padStart(8)}`);

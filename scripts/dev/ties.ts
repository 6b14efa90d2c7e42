// Census of ties between neighbouring items (docs/fidelity.md, "Held out"): on renderings of the bundled
// report, every single move of an edge indicator row to the neighbouring item that keeps every reproduced
// rate (the ties the arithmetic cannot break), with the evidence the table carries about it and whether
// the move is right. For tuning on seeds 31-80 only.
//   npx tsx scripts/dev/ties.ts [-n 50] [--seed 31]
import { parseArgs } from 'node:util';
import { FULL_DAMAGE, fromReport, simulate, tasksOf, type TTask } from '../../test/helpers/sim/index.js';
import type { Task } from '../../src/model.js';
import { natural, tieCandidates, type Anchor, type Member } from '../../src/group.js';
import { bare, bigrams, echo, figureOf } from '../../src/echo.js';
import { agrees, parseRate } from '../../src/rates.js';

const { values: opt } = parseArgs({
  options: { n: { type: 'string', default: '50' }, seed: { type: 'string', default: '31' } },
});
const ws = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, '');
const corpus = fromReport();
const kind = (t: string) => (/%\s*$/.test(t) ? '%' : (/^[\d.\s]+([^\d\s.]+)/.exec(t)?.[1] ?? '').slice(0, 2));
const sim = (a: string, b: string) => echo(bigrams(bare(a)), bare(b));
const words = (name: string, target: string) => (/%\s*$/.test(target) ? name : name + target);

const rows: string[] = [];
/** Characters two names share at their start (white space left out). */
const prefix = (a: string, b: string) => {
  const [x, y] = [ws(a), ws(b)];
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return i;
};
for (let seed = Number(opt.seed); seed < Number(opt.seed) + Number(opt.n); seed++) {
  const s = simulate(corpus, { seed, layout: 'canonical', damage: FULL_DAMAGE });
  const got = new Map<string, Task[]>();
  for (const sec of s.report?.sections ?? [])
    for (const g of sec.groups)
      for (const t of g.tasks) got.set(`${sec.ordinal}|${t.no}`, [...(got.get(`${sec.ordinal}|${t.no}`) ?? []), t]);
  for (const { section, task: want } of tasksOf(s.rendering.transcription)) {
    const g = got.get(`${section}|${want.no}`)?.shift();
    if (!g || g.items.length !== want.items.length) continue;
    if (g.items.some((it, j) => ws(it.description) !== ws(want.items[j]!.description))) continue;
    census(seed, `${section}.${want.no}`, want, g);
  }
}
console.log(rows.join('\n'));

function census(seed: number, name: string, want: TTask, g: Task): void {
  const anchors: (Anchor & { text: string })[] = g.items.map((it) => ({
    pos: (it.at?.description?.[0]?.line ?? it.lines.start) * 64,
    rate: it.rate?.value ?? null,
    decimals: it.rate?.decimals ?? null,
    text: it.description,
  }));
  const inds = g.items.flatMap((it, j) => it.indicators.map((x, k) => ({ x, j, k })));
  inds.sort((a, b) => a.x.line - b.x.line || a.j - b.j || a.k - b.k);
  const members: Member[] = inds.map(({ x }, m) => ({
    pos: x.line * 64 + (m > 0 && inds[m - 1]!.x.line === x.line ? 1 : 0),
    rate: x.rate ? parseRate(x.rate.text, []).value : null,
    glued: m > 0 && !x.name.trim(),
  }));
  // truth: the transcribed item holding the indicator's signature (first unused)
  const sig = (n: string, t: string, c: string, r: string) => [n, t, c, r].map(ws).join('/');
  const pool = want.items.map((it) => it.indicators.map((x) => sig(x.name, x.target, x.current, x.rate)));
  const truth = inds.map(({ x }) => {
    const k = sig(x.name, x.target?.text ?? '', x.current?.text ?? '', x.rate?.text ?? '');
    const owners = pool.map((p, j) => (p.includes(k) ? j : -1)).filter((j) => j >= 0);
    return owners.length === 1 ? owners[0]! : -1;
  });
  const nat = natural(anchors, members);
  const compiled = inds.map(({ j }) => j);
  const explained = (owner: number[]) =>
    anchors.filter((a, i) => {
      const r = members.filter((_, m) => owner[m] === i).map((x) => x.rate);
      if (a.rate === null || a.decimals === null || !r.length) return false;
      let sum = 0;
      for (const v of r) {
        if (v === null) return false;
        sum += Math.min(v, 100);
      }
      return agrees(sum / r.length, a.rate, a.decimals);
    }).length;
  const base = explained(nat);
  for (const [m, to] of tieCandidates(anchors, members, nat, true)) {
    if (truth[m] === -1) continue;
    if (explained(nat.map((o, k) => (k === m ? to : o))) > base) continue; // the arithmetic decides
    const own = nat[m]!;
    const x = inds[m]!.x;
    const target = x.target?.text ?? '';
    const w = words(x.name, target);
    const up = to < own;
    const across = inds[up ? m - 1 : m + 1]?.x; // the neighbour on the other side of the boundary
    const along = inds[up ? m + 1 : m - 1]; // the neighbour on its own side, if in the same item
    const alongX = along && nat[up ? m + 1 : m - 1] === own ? along.x : undefined;
    const f = figureOf(target);
    const verdict = truth[m] === to ? 'MOVE' : truth[m] === own ? 'stay' : 'other';
    const did = compiled[m] === to ? 'moved' : compiled[m] === own ? 'kept' : 'else';
    rows.push(
      [
        verdict,
        did,
        `s${seed}`,
        name,
        `${up ? 'up' : 'dn'}`,
        `eTo=${sim(w, anchors[to]!.text).toFixed(2)}`,
        `eOwn=${sim(w, anchors[own]!.text).toFixed(2)}`,
        `nTo=${sim(x.name, anchors[to]!.text).toFixed(2)}`,
        `nOwn=${sim(x.name, anchors[own]!.text).toFixed(2)}`,
        `fig=${f ? (f.test(ws(anchors[to]!.text)) ? 1 : 0) - (f.test(ws(anchors[own]!.text)) ? 1 : 0) : '-'}`,
        `kind=${kind(target)}|${across ? kind(across.target?.text ?? '') : '-'}|${alongX ? kind(alongX.target?.text ?? '') : '-'}`,
        `simAcross=${across ? sim(x.name, across.name).toFixed(2) : '-'}`,
        `simAlong=${alongX ? sim(x.name, alongX.name).toFixed(2) : '-'}`,
        `pre=${across ? prefix(x.name, across.name) : '-'}|${alongX ? prefix(x.name, alongX.name) : '-'}`,
        `${x.name.slice(0, 14)} / ${target}`,
      ].join('\t'),
    );
  }
}

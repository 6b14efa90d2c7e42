// check's baseline step (--baseline, --write-baseline): kept out of cli.ts so its edits stay local.
import { applyBaseline, BaselineError, createBaseline, readBaseline } from './baseline.js';
import type { Lang } from './diagnostics.js';
import type { FileResult } from './emit/results.js';
import { zhArg } from './i18n.js';
import { writeFileAtomic } from './output.js';

const err = (line: string) => process.stderr.write(line + '\n');

/** The results left to report, or 2 when the baseline cannot be read. Lines on stderr say what happened. */
export function baselineStep(
  results: FileResult[],
  opts: { baseline?: string; writeBaseline?: string },
  g: { quiet?: boolean; lang?: Lang },
): FileResult[] | 2 {
  const zh = g.lang === 'zh';
  if (opts.writeBaseline) {
    const baseline = createBaseline(results);
    writeFileAtomic(opts.writeBaseline, JSON.stringify(baseline, null, 2) + '\n');
    const n = baseline.entries.reduce((k, e) => k + e.count, 0);
    if (!g.quiet)
      err(
        zh
          ? `hzreport: 已写入基线 ${opts.writeBaseline}：${n} 条发现`
          : `hzreport: wrote baseline ${opts.writeBaseline}: ${n} finding${n === 1 ? '' : 's'}`,
      );
    return applyBaseline(results, baseline).results;
  }
  let baseline;
  try {
    baseline = readBaseline(opts.baseline!);
  } catch (e) {
    if (!(e instanceof BaselineError)) throw e;
    err(`hzreport: ${e.file}: ${zh ? zhArg(e.message) : e.message}`);
    return 2;
  }
  const { results: left, matched, gone } = applyBaseline(results, baseline);
  if (!g.quiet) {
    err(
      zh
        ? `hzreport: 基线 ${opts.baseline}：${matched} 条已知发现已略去，${gone} 条基线记录不再出现`
        : `hzreport: baseline ${opts.baseline}: ${matched} known finding${matched === 1 ? '' : 's'} left out, ${gone} baseline entr${gone === 1 ? 'y' : 'ies'} no longer occur${gone === 1 ? 's' : ''}`,
    );
  }
  return left;
}

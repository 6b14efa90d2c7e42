// The simulator's transcription: a report as a plain JSON tree of cell texts, as a careful reader
// would write it down (no locations, no parsing). The renderer turns it into report TSV; the scorer
// compares a compilation with it. Sources: the hand-checked gold (fixtures/*.gold.json) and, for a
// larger corpus, the compiled bundled report taken as a transcription.
import { readFileSync } from 'node:fs';
import { compile } from '../../../src/compile.js';
import type { Report } from '../../../src/model.js';
import type { GoldTask } from '../../../scripts/dev/gold-types.js';

export interface TIndicator {
  name: string;
  target: string;
  current: string;
  rate: string;
}

export interface TItem {
  description: string;
  rate: string;
  indicators: TIndicator[];
  /** Text of an extra remarks (备注) column on the item's row, when the layout has one. */
  remarks?: string;
}

export interface TTask {
  no: number | null;
  description: string;
  rate: string;
  owner: string;
  highlights: string[];
  nextSteps: string[];
  items: TItem[];
  /** Text of an extra remarks (备注) column on the task's row, when the layout has one. */
  remarks?: string;
}

export interface TGroup {
  ordinal: string | null;
  title: string | null;
  tasks: TTask[];
}

export interface TSection {
  ordinal: string | null;
  title: string | null;
  groups: TGroup[];
}

export interface Transcription {
  preamble: string[];
  sections: TSection[];
}

const ROOT = new URL('../../../', import.meta.url);
export const SEED_TSV = new URL('fixtures/hangzhou-2021-q3.tsv', ROOT);
export const GOLD_JSON = new URL('fixtures/hangzhou-2021-q3.gold.json', ROOT);

let bundled: Report | undefined;
/** The bundled report, compiled once. */
export function bundledReport(): Report {
  bundled ??= compile(readFileSync(SEED_TSV), { file: 'hangzhou-2021-q3.tsv' });
  return bundled;
}

const preambleOf = (r: Report): string[] => [r.title ? `# ${r.title}` : '', r.issuer ?? '', r.date ?? ''].filter((l) => l !== '');

/** A compiled report read back as a transcription (every section, group and task). */
export function fromReport(r: Report = bundledReport()): Transcription {
  return {
    preamble: preambleOf(r),
    sections: r.sections.map((s) => ({
      ordinal: s.ordinal,
      title: s.title,
      groups: s.groups.map((g) => ({
        ordinal: g.ordinal,
        title: g.title,
        tasks: g.tasks.map((t) => ({
          no: t.no,
          description: t.description,
          rate: t.rate?.text ?? '',
          owner: t.owner ?? '',
          highlights: [...t.highlights],
          nextSteps: [...t.nextSteps],
          items: t.items.map((i) => ({
            description: i.description,
            rate: i.rate?.text ?? '',
            indicators: i.indicators.map((x) => ({
              name: x.name,
              target: x.target?.text ?? '',
              current: x.current?.text ?? '',
              rate: x.rate?.text ?? '',
            })),
          })),
        })),
      })),
    })),
  };
}

/**
 * The hand-checked gold tasks as a transcription. The gold names sections and groups by ordinal
 * only and leaves out the prose columns: titles, highlights and next steps come from the bundled
 * report's compilation (they are not what the gold checks).
 */
export function fromGold(path: URL = GOLD_JSON, r: Report = bundledReport()): Transcription {
  const gold = JSON.parse(readFileSync(path, 'utf8')) as GoldTask[];
  const sections: TSection[] = [];
  for (const g of gold) {
    let s = sections[sections.length - 1];
    if (!s || s.ordinal !== g.section) {
      const rs = r.sections.find((x) => x.ordinal === g.section);
      s = { ordinal: g.section, title: rs?.title ?? `${g.section}、重点工作`, groups: [] };
      sections.push(s);
    }
    let grp = s.groups[s.groups.length - 1];
    if (!grp || grp.ordinal !== g.group) {
      const rg = r.sections.find((x) => x.ordinal === g.section)?.groups.find((x) => x.ordinal === g.group);
      grp = { ordinal: g.group, title: rg?.title ?? `(${g.group}) 重点工作`, tasks: [] };
      s.groups.push(grp);
    }
    const rt = r.sections
      .find((x) => x.ordinal === g.section)
      ?.groups.flatMap((x) => x.tasks)
      .find((t) => t.no === g.no);
    grp.tasks.push({
      no: g.no,
      description: g.title,
      rate: g.rate ?? '',
      owner: g.owner ?? '',
      highlights: rt ? [...rt.highlights] : [],
      nextSteps: rt ? [...rt.nextSteps] : [],
      items: g.items.map((i) => ({
        description: i.title,
        rate: i.rate ?? '',
        indicators: i.indicators.map((x) => ({
          name: x.name ?? '',
          target: x.target ?? '',
          current: x.current ?? '',
          rate: x.rate ?? '',
        })),
      })),
    });
  }
  return { preamble: preambleOf(r), sections };
}

/** Every task in order, with its section's ordinal. */
export function tasksOf(t: Transcription): { section: string | null; task: TTask }[] {
  return t.sections.flatMap((s) => s.groups.flatMap((g) => g.tasks.map((task) => ({ section: s.ordinal, task }))));
}

/** A deep copy (renderings and value changes never touch the source). */
export const clone = <T>(x: T): T => structuredClone(x);

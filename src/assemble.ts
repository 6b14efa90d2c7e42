// Stage 5: realigned rows → sections, groups, tasks, items, indicators. (Skeleton.)
import type { Row } from './tokenize.js';
import type { Diagnostic, Section } from './model.js';

export interface Counts {
  sections: number;
  groups: number;
  tasks: number;
  items: number;
  indicators: number;
  cellsSeen: number;
  cellsPlaced: number;
  cellsReported: number;
}

export interface Tree {
  title: string | null;
  issuer: string | null;
  date: string | null;
  sections: Section[];
  diagnostics: Diagnostic[];
  counts: Counts;
}

export function assemble(rows: Row[]): Tree {
  const cellsSeen = rows.reduce((n, r) => n + r.fields.filter((f) => f.raw.trim() !== '').length, 0);
  return {
    title: null,
    issuer: null,
    date: null,
    sections: [],
    diagnostics: [],
    counts: { sections: 0, groups: 0, tasks: 0, items: 0, indicators: 0, cellsSeen, cellsPlaced: 0, cellsReported: 0 },
  };
}

// SARIF 2.1.0 for GitHub code scanning and other viewers. Rules come from the diagnostics
// catalog; every result has a physical location with a region (startLine >= 1), as code scanning requires.
import { isAbsolute, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DOCS_URL, REPOSITORY } from '../constants.js';
import { catalogEntries, type CatalogEntry } from '../diagnostics.js';
import type { Severity } from '../model.js';
import { type FileResult, type Show, visible } from './results.js';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

export const HOME = REPOSITORY;
export const DOCS = `${DOCS_URL}/diagnostics.md`;

export type SarifLevel = 'error' | 'warning' | 'note';
export const sarifLevel = (s: Severity): SarifLevel => (s === 'info' ? 'note' : s);

/** `indicator-rate-mismatch` → `IndicatorRateMismatch`: SARIF tools expect a Pascal-case friendly name beside the opaque id. */
const pascal = (s: string) => s.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

const sentence = (s: string) => (/[.!?。]$/.test(s) ? s : `${s}.`);

function rule(e: CatalogEntry) {
  return {
    id: e.code,
    name: pascal(e.title),
    shortDescription: { text: sentence(e.title.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())) },
    fullDescription: { text: sentence(e.doc) },
    defaultConfiguration: { level: sarifLevel(e.severity) },
    // Anchor of the entry's heading `### HZ201 indicator-rate-mismatch` in docs/diagnostics.md (GitHub slug).
    helpUri: `${DOCS}#${e.code.toLowerCase()}-${e.title}`,
    properties: { tags: [e.code.slice(0, 3) + 'xx'] },
  };
}

/** A relative path becomes a relative URI reference (forward slashes, percent-encoded); an absolute one a file: URI. */
export function artifactUri(file: string): string {
  if (file === '-') return 'stdin';
  if (isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(sep).join('/').split('/').map(encodeURIComponent).join('/');
}

export interface SarifOptions {
  version: string;
  show?: Show;
  /** Reporting period (configuration): a property of the run. */
  period?: string;
}

export function toSarif(results: readonly FileResult[], options: SarifOptions) {
  // Infos are the compiler's repairs, not problems of the report: only when asked (--verbose).
  const show = options.show ?? 'problems';
  const index = new Map(catalogEntries.map((e, i) => [e.code, i]));
  const out = [];
  for (const r of results) {
    if (r.fatal) continue;
    const uri = artifactUri(r.file);
    for (const d of r.diagnostics) {
      if (!visible(d, show)) continue;
      // Line 0 (whole file) and column 0 (unknown) become 1: SARIF regions are 1-based and code scanning needs a startLine.
      const startLine = Math.max(1, d.line);
      const startColumn = Math.max(1, d.column);
      const region: Record<string, number> = { startLine, startColumn };
      const endLine = d.endLine && d.endLine > startLine ? d.endLine : startLine;
      if (endLine > startLine) region.endLine = endLine;
      if (d.endColumn && (endLine > startLine || d.endColumn > startColumn)) region.endColumn = d.endColumn;
      const result: Record<string, unknown> = {
        ruleId: d.code,
        level: sarifLevel(d.severity),
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region } }],
      };
      const i = index.get(d.code);
      if (i !== undefined) result.ruleIndex = i;
      // Where an analyst looks: the task (四.81), its 责任单位 and the column, beside the JSON path.
      const where = {
        ...(d.task ? { task: d.task } : {}),
        ...(d.owner ? { owner: d.owner } : {}),
        ...(d.field ? { field: d.field.header, fieldColumn: d.field.column } : {}),
      };
      if (d.path || d.task)
        result.properties = {
          ...(d.path ? { path: d.path } : {}),
          ...where,
          ...(d.expected != null ? { expected: d.expected } : {}),
          ...(d.actual != null ? { actual: d.actual } : {}),
        };
      out.push(result);
    }
  }
  // Inputs that could not be read or compiled are not findings in a file: tool execution notifications.
  const failures = results.filter((r) => r.fatal).map((r) => ({ file: r.file, ...r.diagnostics[0]! }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'hzreport',
            version: options.version,
            semanticVersion: options.version,
            informationUri: HOME,
            rules: catalogEntries.map(rule),
          },
        },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((f) => ({
              level: 'error',
              message: { text: f.message },
              associatedRule: { id: f.code, ...(index.has(f.code) ? { index: index.get(f.code) } : {}) },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.file) } } }],
            })),
          },
        ],
        columnKind: 'utf16CodeUnits',
        ...(options.period ? { properties: { period: options.period } } : {}),
        results: out,
      },
    ],
  };
}

export function sarif(results: readonly FileResult[], options: SarifOptions): string {
  return JSON.stringify(toSarif(results, options), null, 2) + '\n';
}

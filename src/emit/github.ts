// GitHub Actions workflow commands: `::error file=…,line=…,col=…,title=…::message`.
// Escaping follows @actions/core (command.ts): in data % CR LF; in properties also : and ,.
import { isAbsolute, relative } from 'node:path';
import type { Diagnostic } from '../model.js';
import { catalog, type Code } from '../diagnostics.js';
import { type FileResult, type Show, visible } from './results.js';

// Control characters other than CR and LF (which are escaped), and bidi controls: never into the log.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeData(s: string): string {
  return s.replace(CONTROLS, ' ').replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** GitHub matches annotations to repository paths: make an absolute path inside the workspace relative to it. */
export function annotationPath(file: string, workspace: string | undefined = process.env.GITHUB_WORKSPACE): string {
  if (workspace && isAbsolute(file)) {
    const rel = relative(workspace, file);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) file = rel;
  }
  return file.replace(/\\/g, '/');
}

export function annotation(file: string, d: Diagnostic): string {
  const props: [string, string | number][] = [['file', annotationPath(file)]];
  // line 0 means the whole file: omit line/col so GitHub annotates the file itself.
  if (d.line > 0) {
    props.push(['line', d.line]);
    if (d.endLine && d.endLine >= d.line) props.push(['endLine', d.endLine]);
    if (d.column > 0) props.push(['col', d.column]);
    if (d.column > 0 && d.endColumn && (d.endLine ?? d.line) === d.line && d.endColumn > d.column)
      props.push(['endColumn', d.endColumn]);
  }
  const title = catalog.get(d.code as Code)?.title;
  props.push(['title', title ? `${d.code} ${title}` : d.code]);
  const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
  return `::${COMMAND[d.severity]} ${list}::${escapeData(d.message)}`;
}

export function github(results: readonly FileResult[], show: Show = 'problems'): string {
  let out = '';
  for (const r of results) for (const d of r.diagnostics) if (visible(d, show)) out += annotation(r.file, d) + '\n';
  return out;
}

// hzreport.config.json: found from the current directory upward, or named by --config. Checked by hand
// against the published schema (schemas/config.v1.schema.json, from src/config-model.ts), so that `check`
// loads neither zod nor ajv; test/config.test.ts holds the two to the same verdicts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Config, RuleLevel } from './config-model.js';
import { catalog, type Code } from './diagnostics.js';
import type { Diagnostic, Severity } from './model.js';
import type { FileResult } from './emit/results.js';

export type { Config, RuleLevel };
export const CONFIG_NAME = 'hzreport.config.json';

const LEVELS: readonly string[] = ['off', 'info', 'warning', 'error'];
const FORMATS: readonly string[] = ['stylish', 'json', 'github', 'sarif', 'unix', 'junit', 'gitlab'];
const TASK_LABEL = /^[一二三四五六七八九十]+\.\d+$/;
const PERIOD = /^\d{4}(?:-(?:Q[1-4]|H[12]|0[1-9]|1[0-2]))?$/;

/** A configuration that cannot be used: the message names the key (rules.HZ210) and the problem. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string,
    readonly problem: string,
  ) {
    super(key ? `${key}: ${problem}` : problem);
    this.name = 'ConfigError';
  }
}

/** The configuration file that applies from `dir`: the nearest hzreport.config.json upward. */
export function findConfig(dir: string = process.cwd()): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    const f = join(d, CONFIG_NAME);
    if (existsSync(f) && statSync(f).isFile()) return f;
    if (dirname(d) === d) return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (xs: readonly string[]) => xs.join(', ');

/** The configuration, or a ConfigError naming the first key that does not fit the schema. */
export function checkConfig(doc: unknown, file = CONFIG_NAME): Config {
  const fail = (key: string, problem: string): never => {
    throw new ConfigError(file, key, problem);
  };
  if (!isObject(doc)) fail('', 'must be a JSON object');
  const o = doc as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['$schema', 'rules', 'ignore', 'format', 'lang', 'period', 'maxWarnings'].includes(key)) fail(key, 'unknown key');
  }
  if (o.$schema !== undefined && typeof o.$schema !== 'string') fail('$schema', 'must be a string');
  if (o.rules !== undefined) {
    if (!isObject(o.rules)) fail('rules', 'must be an object of code: level');
    for (const [code, level] of Object.entries(o.rules as Record<string, unknown>)) {
      if (!/^HZ\d{3}$/.test(code)) fail(`rules.${code}`, 'not a diagnostic code (HZ201)');
      if (!catalog.has(code as Code)) fail(`rules.${code}`, 'no such diagnostic code (docs/diagnostics.md)');
      if (typeof level !== 'string' || !LEVELS.includes(level)) fail(`rules.${code}`, `must be one of ${list(LEVELS)}`);
    }
  }
  if (o.ignore !== undefined) {
    if (!isObject(o.ignore)) fail('ignore', 'must be an object with tasks and/or files');
    const ig = o.ignore as Record<string, unknown>;
    for (const key of Object.keys(ig)) if (key !== 'tasks' && key !== 'files') fail(`ignore.${key}`, 'unknown key');
    if (ig.tasks !== undefined) {
      if (!Array.isArray(ig.tasks)) fail('ignore.tasks', 'must be an array of task labels (四.81)');
      (ig.tasks as unknown[]).forEach((t, i) => {
        if (typeof t !== 'string' || !TASK_LABEL.test(t))
          fail(`ignore.tasks[${i}]`, 'must be a task label: section ordinal and number (四.81)');
      });
    }
    if (ig.files !== undefined) {
      if (!Array.isArray(ig.files)) fail('ignore.files', 'must be an array of glob patterns');
      (ig.files as unknown[]).forEach((f, i) => {
        if (typeof f !== 'string' || f === '') fail(`ignore.files[${i}]`, 'must be a non-empty glob pattern');
      });
    }
  }
  if (o.format !== undefined && (typeof o.format !== 'string' || !FORMATS.includes(o.format)))
    fail('format', `must be one of ${list(FORMATS)}`);
  if (o.lang !== undefined && o.lang !== 'zh' && o.lang !== 'en') fail('lang', 'must be zh or en');
  if (o.period !== undefined && (typeof o.period !== 'string' || !PERIOD.test(o.period)))
    fail('period', 'must be a period such as 2021-Q3, 2021-H1, 2021-09 or 2021');
  if (
    o.maxWarnings !== undefined &&
    (typeof o.maxWarnings !== 'number' || !Number.isInteger(o.maxWarnings) || o.maxWarnings < -1)
  )
    fail('maxWarnings', 'must be an integer >= -1');
  return o as Config;
}

export interface LoadedConfig {
  /** The file read, or undefined when there is none. */
  file?: string;
  config: Config;
}

/** Reads and checks a configuration file (named, or found upward from cwd); none found: an empty one. */
export function loadConfig(named?: string, cwd: string = process.cwd()): LoadedConfig {
  const file = named ?? findConfig(cwd);
  if (!file) return { config: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ConfigError(
      file,
      '',
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot read the file (${code})`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(file, '', `not JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  return { file, config: checkConfig(doc, file) };
}

/** The level of every catalog code under this configuration (its catalog severity unless a rule says otherwise). */
export function effectiveRules(config: Config): Record<string, RuleLevel> {
  const out: Record<string, RuleLevel> = {};
  for (const [code, e] of catalog) out[code] = config.rules?.[code] ?? e.severity;
  return out;
}

/** A glob (`*`, `**`, `?`) as a regular expression over forward-slash paths. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** True when an input is excluded by ignore.files (patterns relative to the configuration's directory). */
export function isIgnoredFile(file: string, loaded: LoadedConfig): boolean {
  const patterns = loaded.config.ignore?.files;
  if (!patterns?.length || file === '-') return false;
  const base = loaded.file ? dirname(loaded.file) : process.cwd();
  const rel = relative(base, resolve(file)).split(sep).join('/');
  return patterns.some((p) => globRegExp(p.replace(/^\.\//, '')).test(rel));
}

/** A result under the configuration: rules turned off dropped, severities changed, ignored tasks left out, counts redone. */
export function applyConfig(result: FileResult, config: Config): FileResult {
  const rules = config.rules ?? {};
  const tasks = new Set(config.ignore?.tasks ?? []);
  if (result.fatal || (!Object.keys(rules).length && !tasks.size)) return result;
  const diagnostics: Diagnostic[] = [];
  for (const d of result.diagnostics) {
    if (d.task && tasks.has(d.task)) continue;
    const level = rules[d.code];
    if (level === 'off') continue;
    diagnostics.push(level && level !== d.severity ? { ...d, severity: level as Severity } : d);
  }
  const count = (s: Severity) => diagnostics.filter((d) => d.severity === s).length;
  return { ...result, diagnostics, errors: count('error'), warnings: count('warning'), infos: count('info') };
}

// The configuration file's model (hzreport.config.json): the single source of its published schema
// (schemas/config.v1.schema.json, `npm run schema`). Only types are imported at run time: the CLI
// checks a configuration by hand (src/config.ts), tested to agree with this schema.
import { z } from 'zod';

const d = <T extends z.ZodType>(schema: T, title: string, description: string): T => schema.meta({ title, description }) as T;

export const RULE_LEVELS = ['off', 'info', 'warning', 'error'] as const;
export const CONFIG_FORMATS = ['stylish', 'json', 'github', 'sarif', 'unix', 'junit', 'gitlab'] as const;
/** 四.81: a section ordinal and a task number. */
export const TASK_LABEL = /^[一二三四五六七八九十]+\.\d+$/;
/** 2021-Q3, 2021-H1, 2021-09 or 2021. */
export const PERIOD = /^\d{4}(?:-(?:Q[1-4]|H[12]|0[1-9]|1[0-2]))?$/;

export const RuleLevel = d(
  z.enum(RULE_LEVELS),
  'RuleLevel',
  'off: not reported; info, warning, error: reported with this severity (error and warnings over --max-warnings fail the check).',
);

export const Config = d(
  z
    .object({
      $schema: d(z.string().optional(), '$schema', 'URI of this schema.'),
      rules: d(
        z.record(z.string().regex(/^HZ\d{3}$/), RuleLevel).optional(),
        'rules',
        'Severity per diagnostic code, as ESLint writes it: { "HZ210": "off", "HZ401": "error" }. Codes: docs/diagnostics.md.',
      ),
      ignore: d(
        z
          .object({
            tasks: d(
              z.array(z.string().regex(TASK_LABEL)).optional(),
              'tasks',
              'Tasks whose findings are not reported, as section ordinal and number (四.81).',
            ),
            files: d(
              z.array(z.string().min(1)).optional(),
              'files',
              'Glob patterns (relative to the configuration file) of inputs not checked.',
            ),
          })
          .strict()
          .optional(),
        'ignore',
        'What is not checked.',
      ),
      format: d(z.enum(CONFIG_FORMATS).optional(), 'format', 'Default output format of check (--format overrides it).'),
      lang: d(z.enum(['zh', 'en']).optional(), 'lang', 'Language of messages (--lang overrides it; default: from the locale).'),
      period: d(
        z.string().regex(PERIOD).optional(),
        'period',
        'Reporting period of the checked reports (2021-Q3, 2021-H1, 2021-09, 2021), recorded in json and sarif output.',
      ),
      maxWarnings: d(
        z.number().int().min(-1).optional(),
        'maxWarnings',
        'Warnings allowed before check fails (--max-warnings overrides it; -1: no limit).',
      ),
    })
    .strict(),
  'hzreport configuration',
  'Settings of hzreport check, read from hzreport.config.json (found from the current directory upward) or --config FILE.',
);

export type Config = z.infer<typeof Config>;
export type RuleLevel = z.infer<typeof RuleLevel>;

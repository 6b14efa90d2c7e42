export const SCHEMA_VERSION = '2.0.0';
export const SCHEMA_ID = 'https://hzreport.dev/schemas/report.v2.schema.json';
export const CONFIG_SCHEMA_ID = 'https://hzreport.dev/schemas/config.v1.schema.json';
/** Where the project lives (package.json `repository`/`homepage`); links to the docs point into it. */
export const REPOSITORY = 'https://github.com/hzreport/hzreport';
/** The documentation as published with each release: the repository's docs/ on the main branch. */
export const DOCS_URL = `${REPOSITORY}/blob/main/docs`;

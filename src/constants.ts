export const SCHEMA_VERSION = '2.0.0';
export const SCHEMA_ID = 'https://hzreport.dev/schemas/report.v2.schema.json';

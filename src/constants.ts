export const SCHEMA_VERSION = '1.0.0';
export const SCHEMA_ID = 'https://hzreport.dev/schemas/report.v1.schema.json';

// Library API: what scripts import from 'hzreport'.
export { compile, compileFile, compileSource, type CompileOptions } from './compile.js';
export { validateReport, assertValidReport, reportSchema, type SchemaError } from './validate.js';
export { catalog, catalogEntries, render, InputError, type Lang, type Code, type CatalogEntry } from './diagnostics.js';
export type * from './model.js';

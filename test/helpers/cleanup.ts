// Setup file of every test file (vitest.config.ts setupFiles): what the test helpers made in the system's
// temporary directory is removed when the file's tests are done. Run again before each test file, also where
// files share their modules (isolate: false), so each file's afterAll removes that file's directories.
import { afterAll } from 'vitest';
import { removeTempDirs } from './run.js';

afterAll(removeTempDirs);

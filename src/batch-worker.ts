// A worker thread of compileAll (src/batch.ts): compiles the files it is sent, one at a time, and
// answers each with its Outcome (a report, or a Failure for unusable input), exactly as compileInput
// does in-process. Any other error is a bug: it goes back as its name, message, stack and
// system-error fields, and the main thread rethrows it, as compileAll does in-process. Standard
// input is read by the main thread, which sends its bytes. The CLI's bundle starts this module as
// dist/hzreport-worker.bundle.js (scripts/build-bundle.mjs), tsc's output as dist/batch-worker.js.
import { parentPort } from 'node:worker_threads';
import { compileInput, type WorkerRequest, type WorkerResponse } from './batch.js';

const port = parentPort;
if (!port) throw new Error('batch-worker.js runs only as a worker thread (compileAll starts it)');

function serialize(e: unknown): NonNullable<WorkerResponse['error']> {
  if (!(e instanceof Error)) return { name: 'Error', message: String(e) };
  const sys = e as NodeJS.ErrnoException;
  return {
    name: e.name,
    message: e.message,
    stack: e.stack,
    code: sys.code,
    syscall: sys.syscall,
    path: sys.path,
    errno: sys.errno,
  };
}

port.on('message', (req: WorkerRequest) => {
  compileInput(req.file, req.options, req.stdin).then(
    (outcome) => port.postMessage({ index: req.index, outcome } satisfies WorkerResponse),
    (e: unknown) => port.postMessage({ index: req.index, error: serialize(e) } satisfies WorkerResponse),
  );
});

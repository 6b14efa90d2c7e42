// A one-line progress bar on stderr for long batches. Only when stderr is a terminal:
// logs and pipes get nothing (no carriage-return noise in CI output).
import { printable } from './text.js';

export interface Progress {
  tick(done: number, total: number, file: string): void;
  done(): void;
}

const SILENT: Progress = { tick() {}, done() {} };

export function renderBar(done: number, total: number, file: string, width = 24, columns = 80): string {
  const filled = total ? Math.round((done / total) * width) : width;
  const head = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} `;
  const room = Math.max(0, columns - head.length - 1);
  const name = printable(file);
  return head + (name.length > room ? '…' + name.slice(name.length - room + 1) : name);
}

/** A progress bar when `stream` is a TTY and there are at least `min` files; otherwise a no-op. */
export function progressBar(total: number, given?: NodeJS.WriteStream, min = 5): Progress {
  // The count first: making process.stderr for a pipe loads node:net (docs/performance.md).
  if (total < min) return SILENT;
  const stream = given ?? process.stderr;
  if (!stream.isTTY) return SILENT;
  const clear = () => stream.write('\r\u001b[2K');
  return {
    tick(done, n, file) {
      clear();
      stream.write(renderBar(done, n, file, 24, stream.columns || 80));
    },
    done: clear,
  };
}

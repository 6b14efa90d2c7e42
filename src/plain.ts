// Text without colour, for output that is not a terminal: what a chalk instance of level 0 returns (its
// argument as a string, arguments joined by a space), without importing chalk, whose colour detection loads
// node:tty and with it node:net (~10 ms of a cold check; docs/performance.md).
import type { ChalkInstance } from 'chalk';

const text = (...args: unknown[]): string => (args.length === 1 ? '' + String(args[0]) : args.join(' '));

/** Any style (`PLAIN.red.bold(s)`) is the text itself; level 0. */
export const PLAIN: ChalkInstance = new Proxy(text, {
  // Not a thenable (it is returned from async functions), and no symbol-keyed protocol.
  get: (_target, key) => (key === 'level' ? 0 : key === 'then' || typeof key === 'symbol' ? undefined : PLAIN),
  apply: (_target, _this, args: unknown[]) => text(...args),
}) as unknown as ChalkInstance;

/**
 * Finds an external program on PATH (or the usual system folders), for
 * tests that skip with a reason when it is not installed.
 *
 * @module
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The path of the executable `name`, or undefined when it is not installed. */
export function findTool(name: string): string | undefined {
  const dirs = (process.env['PATH'] ?? '').split(delimiter).filter(Boolean);
  return [...dirs, '/usr/bin', '/usr/sbin', '/usr/local/bin']
    .map((d) => join(d, name))
    .find((path) => {
      try {
        accessSync(path, constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

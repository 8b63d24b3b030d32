import { readFileSync } from 'node:fs';

/**
 * When a process started, in clock ticks since boot (field 22 of
 * `/proc/<pid>/stat`): a pid and its start time name one process, since
 * pids are reused. Undefined when the process is gone (or a zombie) or
 * there is no /proc.
 *
 * @example
 * ```ts
 * const started = startTimeOf(child.pid!); // e.g. '8843121'
 * ```
 */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // A zombie (state Z) has ended; only its exit status waits to be collected.
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}

/**
 * Whether `pid` is still the process that had `startTime`. Without /proc
 * (not Linux), whether any process has that pid.
 */
export function isSameProcess(pid: number, startTime: string | undefined): boolean {
  if (startTime !== undefined) return startTimeOf(pid) === startTime;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

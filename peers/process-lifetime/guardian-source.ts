/**
 * The guardian: a small Node process started once per harness process,
 * that outlives it to stop what it started. Linux offers no unprivileged
 * way for a parent's death to take its children along that Node can use
 * (`prctl(PR_SET_PDEATHSIG)` needs native code), so the guardian holds a
 * pipe from the parent (end of file when the parent dies, whatever killed
 * it) and watches its parent pid as well. The children to stop, and the
 * folders to remove, arrive on that pipe as JSON lines.
 *
 * Run as `node -e GUARDIAN_SOURCE <parent pid>`: one string, so it works
 * the same from the compiled package and from TypeScript sources.
 *
 * @module
 */

/** The guardian's code (CommonJS, plain JavaScript). */
export const GUARDIAN_SOURCE = String.raw`'use strict';
const { readFileSync, rmSync } = require('node:fs');
const parent = Number(process.argv[1]);
const entries = new Map();
let buffer = '';
let cleaning = false;

// A pid is the same process while its start time (field 22 of /proc/<pid>/stat) is: pids are reused.
function startTimeOf(pid) {
  try {
    const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[0] === 'Z' ? undefined : fields[19];
  } catch {
    return undefined;
  }
}
function alive(entry) {
  if (entry.group) {
    try {
      process.kill(-entry.pid, 0);
      return true;
    } catch (error) {
      return error.code === 'EPERM';
    }
  }
  return entry.startTime !== undefined && startTimeOf(entry.pid) === entry.startTime;
}
function signal(entry, name) {
  try {
    process.kill(entry.group ? -entry.pid : entry.pid, name);
  } catch {}
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function cleanUp() {
  if (cleaning) return;
  cleaning = true;
  clearInterval(watch);
  const list = [...entries.values()];
  for (const entry of list) if (alive(entry)) signal(entry, entry.signal || 'SIGTERM');
  const grace = Math.max(0, ...list.map((entry) => entry.graceMs || 0));
  for (const deadline = Date.now() + grace; Date.now() < deadline && list.some(alive); ) await sleep(50);
  for (const entry of list) if (alive(entry)) signal(entry, 'SIGKILL');
  for (const deadline = Date.now() + 2000; Date.now() < deadline && list.some(alive); ) await sleep(50);
  for (const entry of list) {
    for (const path of [...(entry.directories || []), ...(entry.registry ? [entry.registry] : [])]) {
      try {
        rmSync(path, { recursive: true, force: true });
      } catch {}
    }
  }
  process.exit(0);
}

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffer += chunk;
  for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
    const line = buffer.slice(0, end);
    buffer = buffer.slice(end + 1);
    try {
      const message = JSON.parse(line);
      if (message.add) entries.set(message.add.id, message.add);
      else if (message.remove !== undefined) entries.delete(message.remove);
    } catch {}
  }
});
process.stdin.on('end', cleanUp);
process.stdin.on('error', cleanUp);
// The parent gone without closing the pipe (it was handed to a grandchild): its pid tells.
const watch = setInterval(() => {
  if (process.ppid !== parent) return void cleanUp();
  try {
    process.kill(parent, 0);
  } catch (error) {
    if (error.code === 'ESRCH') cleanUp();
  }
}, 500);
// A terminal's Ctrl-C is the parent's to handle: stay, and clean up after it if it does not.
process.on('SIGINT', () => {});
process.on('SIGHUP', () => {});
`;

/**
 * Loaded with `--import` (through NODE_OPTIONS) into the processes a world
 * forks during the end-to-end profile run: its element host and its
 * proxies' process. The first SIGUSR2 starts V8's CPU profiler, the second
 * stops it and writes `<pid>.cpuprofile` into `ROAM_BENCH_PROFILE_DIR`, so
 * the profile covers the same measured window as the world's own.
 *
 * The synchronous inspector session is used on purpose: on the main thread
 * its `post` answers before it returns, so the file is written inside the
 * signal's handler.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE_DIR_ENV } from '../cpu-profile.js';

const dir = process.env[PROFILE_DIR_ENV];
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  let running = false;
  process.on('SIGUSR2', () => {
    if (!running) {
      session.post('Profiler.start');
      running = true;
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

/**
 * Preloaded into a service with NODE_OPTIONS=--require (which refuses --cpu-prof): records a V8
 * CPU profile from start to exit and writes it to $HERALD_CPU_PROFILE_DIR as a .cpuprofile
 * file that Chrome DevTools and speedscope open.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.HERALD_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // The main thread's session answers synchronously, so this completes inside the exit handler.
  process.once('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

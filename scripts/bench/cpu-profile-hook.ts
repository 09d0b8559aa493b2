import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * Preloaded (`--require`) into a system process by `npm run bench -- --cpu-prof`:
 * profiles the process from start-up and writes `<pid>.cpuprofile` to
 * ONEPLAN_BENCH_CPU_PROFILE_DIR on SIGTERM. Node's own `--cpu-prof` writes only
 * on a normal exit, and Apollo Server ends the process by re-raising SIGTERM.
 */
const directory = process.env.ONEPLAN_BENCH_CPU_PROFILE_DIR;
if (directory) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.prependOnceListener('SIGTERM', () => {
    // An in-process session answers synchronously, so the file is written before anything else runs.
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(directory, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}

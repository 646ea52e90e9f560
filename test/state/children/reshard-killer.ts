// Child process for reshard-crash.test.ts: runs `qm state reshard --to TO` on the state files
// beside BASE and SIGKILLs itself right after step KILL_AT committed (no cleanup, leases left
// held by a dead process), so the parent can check that a re-run finishes the move.
import { reshard } from '../reshard-fixtures.js';

const [base, to, killAt] = process.argv.slice(2);
if (base === undefined || to === undefined || killAt === undefined) {
  throw new Error('usage: reshard-killer.ts BASE TO KILL_AT');
}
reshard(base, Number(to), {
  afterStep: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('finished without reaching the kill point\n');

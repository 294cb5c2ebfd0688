// A bench station in a child process of its own (a whole core, sharing nothing with the others
// but what the bench gives it), and the promise that it has loaded and is waiting to be told.
import { fork, type ChildProcess } from 'node:child_process';

export function forkStation(
  script: string,
  i: number,
): { child: ChildProcess; ready: Promise<void> } {
  const child = fork(script, [String(i)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Its first message says it is ready; exiting before that is a failed start.
  const ready = new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`station ${i} exited (${code})`)));
  });
  return { child, ready };
}

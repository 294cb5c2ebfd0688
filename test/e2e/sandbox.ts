// Starts the FeedAMP sandbox in its own process (as `npm run sandbox` does), so a test can
// sign in to it for real and then take it away.
import { spawn } from 'node:child_process';

export interface SandboxProcess {
  url: string;
  stop(): Promise<void>;
}

export async function startSandboxProcess(
  options: { orders?: number; user?: string; password?: string; client?: string } = {},
): Promise<SandboxProcess> {
  const child = spawn(
    'node_modules/.bin/tsx',
    [
      'main/sandbox/cli.ts',
      '--port',
      '0',
      '--orders',
      String(options.orders ?? 60),
      '--seed',
      '7',
      '--user',
      options.user ?? 'pack1',
      '--password',
      options.password ?? 'right-password',
      '--client',
      options.client ?? '1001',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Sandbox did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /listening on (http\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`Sandbox exited (${code}):\n${output}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

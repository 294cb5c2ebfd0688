// Starts Packline in browser mode as a child process (the built bundle) and calls its bridge
// over HTTP with the per-launch secret, as the page would.
import { spawn, type ChildProcess } from 'node:child_process';

export interface PacklineProcess {
  child: ChildProcess;
  origin: string;
  call: <T = unknown>(method: string, input?: unknown) => Promise<T>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

export async function startPackline(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<PacklineProcess> {
  const child = spawn(process.execPath, ['dist/main/host.js', '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^Packline: (http\S+)$/m.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) =>
      reject(new Error(`Packline exited (${code}) before printing its URL:\n${err}`)),
    );
  });
  const parsed = new URL(url);
  const secret = new URLSearchParams(parsed.hash.slice(1)).get('secret')!;
  return {
    child,
    origin: parsed.origin,
    async call<T>(method: string, input: unknown = {}) {
      const res = await fetch(`${parsed.origin}/bridge/call/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-packline-secret': secret },
        body: JSON.stringify(input),
      });
      const reply = (await res.json()) as
        { ok: true; result: T } | { ok: false; error: { code: string; message: string } };
      if (!reply.ok)
        throw Object.assign(new Error(reply.error.message), { code: reply.error.code });
      return reply.result;
    },
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

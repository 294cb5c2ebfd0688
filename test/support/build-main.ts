// vitest globalSetup: tests that start Packline as a child process (as a user would) need the
// bundled main; esbuild makes it in well under a second.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
}

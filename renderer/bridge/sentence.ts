import { BridgeError } from '../../preload/contract';

/** The one sentence a screen shows for a failed call; main already words BridgeErrors for people. */
export function sentence(error: unknown): string {
  if (error instanceof BridgeError) return error.message;
  return 'Packline did not answer — check that it is still running, then try again.';
}

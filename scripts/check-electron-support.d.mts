// Types for scripts/check-electron-support.mjs (imported by its unit test).
export interface ElectronRelease {
  major: number;
  date: string;
}
export const KNOWN_RELEASES: readonly ElectronRelease[];
export const CADENCE_DAYS: number;
export const SUPPORTED_MAJORS: number;
export function latestMajorOnDate(now: Date, releases?: readonly ElectronRelease[]): number;
export function endOfSupport(major: number, releases?: readonly ElectronRelease[]): Date;
export function checkSupport(input: { pinned: string; latestMajor: number; source: string }): {
  ok: boolean;
  message: string;
};
export function latestMajorFromRegistry(
  run?: (command: string, args: string[], options: object) => string,
): number | undefined;

/** Where Electron's binary is, or why it is not there (scripts/electron-binary.mjs). */
export function findElectronBinary(): { path: string } | { missing: string };

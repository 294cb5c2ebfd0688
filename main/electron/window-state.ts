// The window's size and position between runs, kept with electron-store in
// `<data dir>/window-state.json` (it writes atomically and creates the folder), read back
// through zod (a hand-edited or truncated file gives the default window, never a crash), and
// kept on a visible screen (a position on a monitor since unplugged is dropped, not used).
import type { BrowserWindow, Rectangle } from 'electron';
import type Store from 'electron-store';
import { z } from 'zod';
import type { Logger } from '../log';

export const WINDOW_STATE_FILE = 'window-state.json';

/** How electron-store is opened for the window state (main/electron.ts passes the real one). */
export const WINDOW_STATE_STORE_OPTIONS = {
  name: WINDOW_STATE_FILE.replace(/\.json$/, ''),
  // Private to this user like every file in the data folder.
  configFileMode: 0o600,
} as const;

/**
 * Opens the store in a folder. electron-store imports Electron at load, so main/electron.ts
 * hands it in (`(cwd) => new Store({ cwd, ...WINDOW_STATE_STORE_OPTIONS })`); tests hand in
 * conf, the engine electron-store extends, which runs in plain Node.
 */
export type OpenWindowStore = (dataDir: string) => Pick<Store<Record<string, unknown>>, 'store'>;

const coordinate = z.number().int().min(-100_000).max(100_000);
const windowStateSchema = z.object({
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 860, maximized: false };

export function loadWindowState(open: OpenWindowStore, dataDir: string, log: Logger): WindowState {
  let raw: unknown;
  try {
    raw = open(dataDir).store;
  } catch (error) {
    // Damaged JSON: electron-store refuses to open it; the default window is the answer.
    log.warn('could not read the window state; using the default', { error: String(error) });
    return DEFAULT_WINDOW_STATE;
  }
  // No file yet: electron-store starts empty.
  const empty =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) && Object.keys(raw).length === 0;
  if (empty) return DEFAULT_WINDOW_STATE;
  const parsed = windowStateSchema.safeParse(raw);
  if (!parsed.success) {
    log.warn('the saved window state was not valid; using the default');
    return DEFAULT_WINDOW_STATE;
  }
  return parsed.data;
}

export function saveWindowState(open: OpenWindowStore, dataDir: string, state: WindowState): void {
  const valid = windowStateSchema.parse(state);
  const store = open(dataDir);
  // Replace the whole object: a position dropped (undefined) must not survive from before.
  store.store = Object.fromEntries(Object.entries(valid).filter(([, v]) => v !== undefined));
}

/**
 * Keeps the saved position only if the top strip of the window (where its title bar is) lies
 * on one of the screens now attached, and shrinks the window to fit the screen it lands on.
 */
export function fitToScreens(state: WindowState, workAreas: Rectangle[]): WindowState {
  const largest = workAreas.reduce<Rectangle | undefined>(
    (best, a) => (!best || a.width * a.height > best.width * best.height ? a : best),
    undefined,
  );
  if (state.x === undefined || state.y === undefined) {
    if (!largest) return state;
    return {
      ...state,
      width: Math.min(state.width, largest.width),
      height: Math.min(state.height, largest.height),
    };
  }
  const { x, y } = state;
  const titleBarOn = (a: Rectangle) =>
    y >= a.y &&
    y + 32 <= a.y + a.height &&
    x + state.width - 100 >= a.x &&
    x + 100 <= a.x + a.width;
  const screen = workAreas.find(titleBarOn);
  if (!screen) {
    return fitToScreens({ ...state, x: undefined, y: undefined }, workAreas);
  }
  return {
    ...state,
    width: Math.min(state.width, screen.width),
    height: Math.min(state.height, screen.height),
  };
}

type Tracked = Pick<BrowserWindow, 'on' | 'getNormalBounds' | 'isMaximized' | 'isDestroyed'>;

/** Saves the window's state shortly after it stops moving or resizing, and when it closes. */
export function trackWindowState(
  win: Tracked,
  save: (state: WindowState) => void,
  delayMs = 500,
): () => void {
  let timer: NodeJS.Timeout | undefined;
  const snapshot = (): WindowState => {
    const bounds = win.getNormalBounds();
    return {
      x: Math.round(bounds.x),
      y: Math.round(bounds.y),
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      maximized: win.isMaximized(),
    };
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (!win.isDestroyed()) save(snapshot());
    }, delayMs);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) {
    win.on(event as 'resize', later);
  }
  win.on('close', () => {
    clearTimeout(timer);
    save(snapshot());
  });
  return () => clearTimeout(timer);
}

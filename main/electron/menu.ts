// The application menu. Screen shortcuts belong to the page, because browser mode has no menu
// and must answer the same keys: the menu only shows them (registerAccelerator: false, so the
// key press still reaches the page) and a click sends the page that same key press. Commands
// only main can carry out (diagnostics, log folder, start at login, quit) act directly.
import type { KeyboardInputEvent, MenuItemConstructorOptions } from 'electron';

/** The keys the page answers in both modes (renderer's keyboard handling). */
export const SCREEN_SHORTCUTS = [
  { label: 'Orders', accelerator: 'CmdOrCtrl+1' },
  { label: 'Outbox', accelerator: 'CmdOrCtrl+2' },
  { label: 'Pick List', accelerator: 'CmdOrCtrl+3' },
  { label: 'Returns', accelerator: 'CmdOrCtrl+4' },
  { label: 'Settings', accelerator: 'CmdOrCtrl+,' },
  { label: 'Find Order', accelerator: 'CmdOrCtrl+F' },
  { label: 'Sync Orders Now', accelerator: 'F5' },
] as const;

export interface MenuDeps {
  platform: NodeJS.Platform;
  /** Development builds get Reload and the developer tools; packaged builds do not. */
  development: boolean;
  startAtLogin: boolean;
  saveDiagnostics: () => void;
  openLogFolder: () => void;
  setStartAtLogin: (enabled: boolean) => void;
  /** Deliver a key press to the page as if typed (webContents.sendInputEvent). */
  sendKey: (event: KeyboardInputEvent) => void;
}

const MODIFIERS: Record<string, KeyboardInputEvent['modifiers']> = {
  cmdorctrl: [],
  ctrl: ['control'],
  control: ['control'],
  shift: ['shift'],
  alt: ['alt'],
};

/** `CmdOrCtrl+1` as the key events a person pressing it would make on this platform. */
export function acceleratorKeyEvents(
  accelerator: string,
  platform: NodeJS.Platform,
): KeyboardInputEvent[] {
  const parts = accelerator.split('+');
  const keyCode = parts.pop() ?? '';
  const modifiers = parts.flatMap((p) => {
    const name = p.toLowerCase();
    if (name === 'cmdorctrl')
      return platform === 'darwin' ? ['meta' as const] : ['control' as const];
    return MODIFIERS[name] ?? [];
  });
  return [
    { type: 'keyDown', keyCode, modifiers },
    { type: 'keyUp', keyCode, modifiers },
  ];
}

export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const mac = deps.platform === 'darwin';
  const goItems: MenuItemConstructorOptions[] = SCREEN_SHORTCUTS.map((s) => ({
    label: s.label,
    accelerator: s.accelerator,
    registerAccelerator: false,
    click: () => acceleratorKeyEvents(s.accelerator, deps.platform).forEach((e) => deps.sendKey(e)),
  }));
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Save Diagnostics…', click: () => deps.saveDiagnostics() },
        { label: 'Open Log Folder', click: () => deps.openLogFolder() },
        { type: 'separator' },
        {
          label: 'Start Packline at Login',
          type: 'checkbox',
          checked: deps.startAtLogin,
          click: (item) => deps.setStartAtLogin(item.checked),
        },
        ...(mac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    { label: '&Go', submenu: goItems },
    {
      label: '&View',
      submenu: [
        ...(deps.development
          ? [
              { role: 'reload' as const },
              { role: 'toggleDevTools' as const },
              { type: 'separator' as const },
            ]
          : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return template;
}

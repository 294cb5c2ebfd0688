// The Electron security checklist items that live in code, asserted on the real option
// objects and handlers with fakes in place of Electron's objects.
import type { IpcMainInvokeEvent, WebContents, WindowOpenHandlerResponse } from 'electron';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  isTrackingLink,
  openTrackingLink,
  trackingUrl,
} from '../../../main/electron/external-links';
import {
  APP_INDEX_URL,
  appScheme,
  resolveAppPath,
  serveAppRequest,
} from '../../../main/electron/protocol';
import {
  createSenderCheck,
  createWindowOptions,
  devToolsAllowed,
  hardenSession,
  hardenWebContents,
  isAppUrl,
} from '../../../main/electron/window';
import { DEFAULT_WINDOW_STATE } from '../../../main/electron/window-state';
import { CONTENT_SECURITY_POLICY } from '../../../main/host-server';
import { silentLogger } from '../../../main/log';

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((d: { url: string }) => WindowOpenHandlerResponse) | undefined;
  return {
    on: vi.fn((event: string, listener: Listener) => {
      listeners.set(event, listener);
    }),
    setWindowOpenHandler: vi.fn((h: (d: { url: string }) => WindowOpenHandlerResponse) => {
      openHandler = h;
    }),
    fire(event: string, url?: string) {
      const e = { preventDefault: vi.fn() };
      listeners.get(event)?.(e, url);
      return e;
    },
    open(url: string) {
      return openHandler?.({ url });
    },
  };
}

function harden() {
  const contents = fakeContents();
  const openExternal = vi.fn(async () => undefined);
  hardenWebContents(contents as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>, {
    log: silentLogger,
    openExternal,
  });
  return { contents, openExternal };
}

describe('the main window', () => {
  const options = createWindowOptions({
    preload: '/app/preload/index.cjs',
    state: DEFAULT_WINDOW_STATE,
    devTools: false,
  });

  it('runs the page isolated, sandboxed, without Node and with web security on', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
    // No remote module: Electron removed it (v14), and nothing here asks for it.
    expect(JSON.stringify(options)).not.toMatch(/enableRemoteModule|remote/i);
  });

  it('opens hidden at the remembered size and shows when ready (no blank flash)', () => {
    expect(options).toMatchObject({ show: false, width: 1280, height: 860 });
    const placed = createWindowOptions({
      preload: 'p',
      state: { x: 10, y: 20, width: 900, height: 700, maximized: false },
      devTools: false,
    });
    expect(placed).toMatchObject({ x: 10, y: 20, width: 900, height: 700 });
  });

  it('keeps the developer tools off in a packaged build unless support asks for them', () => {
    expect(options.webPreferences?.devTools).toBe(false);
    expect(devToolsAllowed(true, ['/opt/Packline/packline'])).toBe(false);
    expect(devToolsAllowed(true, ['/opt/Packline/packline', '--enable-devtools'])).toBe(true);
    expect(devToolsAllowed(false, ['electron', '.'])).toBe(true);
    const opened = createWindowOptions({
      preload: 'p',
      state: DEFAULT_WINDOW_STATE,
      devTools: true,
    });
    expect(opened.webPreferences?.devTools).toBe(true);
  });
});

describe('navigation, new windows and external links', () => {
  it('blocks every navigation and redirect away from the page', () => {
    const { contents } = harden();
    expect(
      contents.fire('will-navigate', 'https://evil.example/').preventDefault,
    ).toHaveBeenCalled();
    expect(
      contents.fire('will-navigate', 'app://packline/other.html').preventDefault,
    ).toHaveBeenCalled();
    expect(
      contents.fire('will-redirect', 'https://evil.example/').preventDefault,
    ).toHaveBeenCalled();
    expect(contents.fire('will-attach-webview').preventDefault).toHaveBeenCalled();
  });

  it('denies window.open; a tracking link the app built opens in the system browser', () => {
    const { contents, openExternal } = harden();
    const link = trackingUrl('UPS', '1Z999AA10123456784');
    expect(contents.open(link)).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith(link);
    openExternal.mockClear();
    for (const url of [
      'https://evil.example/',
      'http://www.ups.com/track?tracknum=1Z999AA10123456784',
      'file:///etc/passwd',
      'app://packline/index.html',
    ]) {
      expect(contents.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens only https tracking links in exactly the form the app builds', async () => {
    expect(trackingUrl('FedEx', '1234 5678 9012')).toBe(
      'https://www.fedex.com/fedextrack/?trknbr=123456789012',
    );
    for (const carrier of ['UPS', 'FedEx', 'USPS', 'DHL'] as const) {
      expect(isTrackingLink(trackingUrl(carrier, '9400111899223197428490'))).toBe(true);
    }
    const good = trackingUrl('UPS', '1Z999AA10123456784');
    for (const bad of [
      good.replace('https:', 'http:'),
      good.replace('www.ups.com', 'www.ups.com.evil.example'),
      good.replace('www.ups.com', 'user:pw@www.ups.com'),
      good.replace('www.ups.com', 'www.ups.com:8443'),
      good + '&next=https://evil.example',
      good + '#x',
      good.replace('/track', '/logout'),
      'https://www.ups.com/track?tracknum=%3Cscript%3E',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isTrackingLink(bad), bad).toBe(false);
    }
    expect(() => trackingUrl('UPS', 'x"><script>')).toThrow();

    const shell = { openExternal: vi.fn(async () => undefined) };
    expect(await openTrackingLink(shell, 'smb://server/share', silentLogger)).toBe(false);
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(await openTrackingLink(shell, good, silentLogger)).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledWith(good);
  });
});

describe('permissions', () => {
  it('denies every permission request and check, device access and page downloads', () => {
    let request: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    let device: (() => boolean) | undefined;
    let download: Listener | undefined;
    const session = {
      setPermissionRequestHandler: vi.fn((h: typeof request) => (request = h)),
      setPermissionCheckHandler: vi.fn((h: typeof check) => (check = h)),
      setDevicePermissionHandler: vi.fn((h: typeof device) => (device = h)),
      on: vi.fn((_e: string, l: Listener) => (download = l)),
    };
    hardenSession(session as unknown as Parameters<typeof hardenSession>[0], silentLogger);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
    ]) {
      const callback = vi.fn();
      request?.({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(check?.()).toBe(false);
    expect(device?.()).toBe(false);
    expect(session.on).toHaveBeenCalledWith('will-download', expect.any(Function));
    const event = { preventDefault: vi.fn() };
    download?.(event);
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('ipc sender check', () => {
  const mainFrame = { url: 'app://packline/index.html' };
  const ours = { id: 7, mainFrame } as unknown as WebContents;
  const check = createSenderCheck(() => ours);
  const call = (senderId: number, frame: { url: string } | null) =>
    check({ sender: { id: senderId }, senderFrame: frame } as unknown as IpcMainInvokeEvent);

  it('trusts only our window main frame showing app://packline', () => {
    expect(call(7, mainFrame)).toBe(true);
    expect(call(8, mainFrame)).toBe(false); // another window
    expect(call(7, { url: 'app://packline/index.html' })).toBe(false); // an iframe
    expect(call(7, null)).toBe(false); // frame gone
    mainFrame.url = 'https://evil.example/';
    expect(call(7, mainFrame)).toBe(false); // our window, foreign page
    mainFrame.url = 'app://packline/index.html';
    expect(
      createSenderCheck(() => undefined)({
        sender: { id: 7 },
        senderFrame: mainFrame,
      } as unknown as IpcMainInvokeEvent),
    ).toBe(false);
  });

  it('recognises the app origin and nothing that imitates it', () => {
    expect(isAppUrl('app://packline/index.html')).toBe(true);
    for (const url of [
      'app://packline.evil/',
      'app://other/',
      'file:///index.html',
      'https://packline/',
      undefined,
    ]) {
      expect(isAppUrl(url)).toBe(false);
    }
  });
});

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'packline-renderer-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Packline</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(tmpdir(), 'packline-secret.txt'), 'secret');
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is a standard, secure scheme that does not bypass the CSP', () => {
    expect(appScheme).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    });
    expect(APP_INDEX_URL).toBe('app://packline/index.html');
  });

  it('serves the built renderer with the strict CSP', async () => {
    const res = await serveAppRequest(new Request('app://packline/index.html'), root);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
    expect(await res.text()).toContain('Packline');
    const js = await serveAppRequest(new Request('app://packline/assets/app.js'), root);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect((await serveAppRequest(new Request('app://packline/'), root)).status).toBe(200);
  });

  it('refuses paths that climb out of the renderer folder, other hosts and writes', async () => {
    for (const url of [
      'app://packline/..%2fpackline-secret.txt',
      'app://packline/%2e%2e/packline-secret.txt',
      'app://packline/assets/..%2f..%2fpackline-secret.txt',
      'app://packline/..%5cpackline-secret.txt',
      'app://packline/%00index.html',
      'app://packline/%E0%A4%A',
      'app://other/index.html',
      'app://packline/missing.js',
    ]) {
      // Either refused outright, or (the URL parser clamps a leading %2e%2e) inside root.
      const file = resolveAppPath(url, root);
      if (file !== undefined) expect(file.startsWith(root + sep), url).toBe(true);
      const res = await serveAppRequest(new Request(url), root);
      expect(res.status, url).toBe(404);
    }
    const post = await serveAppRequest(
      new Request('app://packline/index.html', { method: 'POST', body: 'x' }),
      root,
    );
    expect(post.status).toBe(405);
  });
});

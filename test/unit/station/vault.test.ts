import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault, type Cipher } from '../../../main/station/vault';

const creds = {
  baseUrl: 'https://api.example.com',
  username: 'pack1',
  password: 'hunter2',
  clientId: '1001',
  demo: false,
};
const tmp = () => mkdtempSync(join(tmpdir(), 'vault-'));

describe('vault', () => {
  it('keeps credentials and token across restarts in a file only this user can read', async () => {
    const dir = tmp();
    const vault = new Vault(dir);
    await vault.saveCredentials(creds);
    await vault.tokenStore.save('tok-1');
    expect(statSync(join(dir, 'vault.json')).mode & 0o777).toBe(0o600);
    const again = new Vault(dir);
    expect(await again.credentials()).toEqual(creds);
    expect(await again.tokenStore.load()).toBe('tok-1');
  });

  it('stores nothing readable when a cipher is given', async () => {
    const dir = tmp();
    const rot: Cipher = {
      protection: 'os-keychain',
      encrypt: (s) => Buffer.from(s).toString('base64'),
      decrypt: (s) => Buffer.from(s, 'base64').toString(),
    };
    await new Vault(dir, rot).saveCredentials(creds);
    expect(readFileSync(join(dir, 'vault.json'), 'utf8')).not.toContain('hunter2');
    expect(await new Vault(dir, rot).credentials()).toEqual(creds);
  });

  it('forgets password and token on sign-out', async () => {
    const dir = tmp();
    const vault = new Vault(dir);
    await vault.saveCredentials(creds);
    await vault.tokenStore.save('tok-1');
    await vault.forget();
    const text = readFileSync(join(dir, 'vault.json'), 'utf8');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('tok-1');
    expect(await new Vault(dir).credentials()).toBeUndefined();
  });

  it('drops the token when another account signs in', async () => {
    const vault = new Vault(tmp());
    await vault.saveCredentials(creds);
    await vault.tokenStore.save('tok-1');
    await vault.saveCredentials({ ...creds, username: 'pack2' });
    expect(await vault.tokenStore.load()).toBeUndefined();
  });
});

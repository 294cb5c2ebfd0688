// The vault's cipher in the desktop app: Electron's safeStorage, which encrypts with a key the
// operating system keeps (macOS Keychain, Windows DPAPI, libsecret/kwallet on Linux). Where no
// keyring is available (a bare Linux station), Electron would fall back to a hard-coded key:
// that protects nothing, so the vault is told to rely on file permissions instead, and says so.
import type { SafeStorage } from 'electron';
import type { Cipher } from '../station/vault';

export function safeStorageCipher(
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  >,
  platform: NodeJS.Platform,
): Cipher | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return undefined;
  }
  return {
    protection: 'os-keychain',
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  };
}

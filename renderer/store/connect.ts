// Loads every slice from main and keeps it current from main's events; returns the unsubscribe.
import { bridge } from '../bridge/api';
import { useAppStore } from './app';
import { useOrdersStore } from './orders';
import { useReturnsStore } from './returns';
import { usePackStore } from './pack';
import { useOutboxStore } from './outbox';
import { useSessionStore } from './session';
import { useSettingsStore } from './settings';
import { useSyncStore } from './sync';
import { useWaveStore } from './wave';

export function connectStores(): () => void {
  const offs = [
    useAppStore.getState().listen(),
    useSessionStore.getState().listen(),
    useSettingsStore.getState().listen(),
    useSyncStore.getState().listen(),
    useOrdersStore.getState().listen(),
    usePackStore.getState().listen(),
    useOutboxStore.getState().listen(),
    useReturnsStore.getState().listen(),
    useWaveStore.getState().listen(),
    // A new account brings its own orders (or none, signed out): start from what main holds.
    bridge().on('session.changed', (status) => {
      useOrdersStore.getState().close();
      void useOrdersStore.getState().refresh();
      void useOutboxStore.getState().load();
      void useWaveStore.getState().load();
      if (!status.signedIn) useAppStore.getState().go('orders');
    }),
  ];
  void useAppStore.getState().load();
  void useSessionStore.getState().load();
  void useSettingsStore.getState().load();
  void useSyncStore.getState().load();
  void useOrdersStore.getState().refresh();
  void useOutboxStore.getState().load();
  void useWaveStore.getState().load();
  return () => offs.forEach((off) => off());
}

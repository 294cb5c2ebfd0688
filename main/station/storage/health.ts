// How the data folder is doing, as the header shows it. Every store reports here — the journal,
// atomic files, settings — including stores this module does not know about (the outbox opens
// the journal itself), so reports go through one process-wide channel and each running core
// keeps the ones under its own data folder.
import { resolve, sep } from 'node:path';
import type { StorageNotice, StorageStatus } from '../../../preload/api/app';
import type { Logger } from '../../log';
import type { StorageError } from './errors';

export type StorageEvent =
  | { kind: 'failed'; path: string; error: StorageError }
  | { kind: 'written'; path: string }
  | {
      kind: 'damaged';
      path: string;
      /** What the file is, as the packer knows it: "upload queue". */
      label: string;
      unreadable: number;
      recovered: number;
      /** File name of the copy kept beside it. */
      copy: string;
    };

const listeners = new Set<(event: StorageEvent) => void>();

export function reportStorage(event: StorageEvent): void {
  for (const listener of listeners) {
    try {
      listener(event);
    } catch {
      // A listener's failure must not turn a write's success into a failure.
    }
  }
}

export function onStorageEvent(listener: (event: StorageEvent) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The words the damage notice uses for each journal. */
export function journalLabel(name: string): string {
  if (name === 'outbox') return 'upload queue';
  if (name === 'orders') return 'order cache';
  if (name === 'returns') return 'returns cache';
  return name;
}

function damageSentence(e: Extract<StorageEvent, { kind: 'damaged' }>): string {
  const lost =
    e.unreadable === 1
      ? '1 record could not be read and was kept'
      : `${e.unreadable} records could not be read and were kept`;
  return `The ${e.label} file was damaged; ${lost} in ${e.copy}; ${e.recovered} ${
    e.recovered === 1 ? 'was' : 'were'
  } recovered.`;
}

export class StorageHealth {
  private problem: StorageStatus['problem'];
  private readonly notices: StorageNotice[] = [];
  private readonly listeners = new Set<(status: StorageStatus) => void>();
  private readonly off: () => void;
  private readonly root: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.root = resolve(dataDir);
    this.off = onStorageEvent((event) => {
      if (this.owns(event.path)) this.handle(event);
    });
  }

  private owns(path: string): boolean {
    const full = resolve(path);
    return full === this.root || full.startsWith(this.root + sep);
  }

  private handle(event: StorageEvent): void {
    if (event.kind === 'written') {
      if (!this.problem) return;
      this.log.info('storage: writes succeed again', { was: this.problem.code });
      this.problem = undefined;
    } else if (event.kind === 'failed') {
      this.log.error('storage: a write failed', {
        code: event.error.code,
        path: event.path,
        error: event.error.cause ?? event.error,
      });
      this.problem = {
        code: event.error.code,
        message: event.error.message,
        since: this.problem?.since ?? new Date().toISOString(),
      };
    } else {
      const message = damageSentence(event);
      this.log.error('storage: damaged records set aside', {
        path: event.path,
        unreadable: event.unreadable,
        recovered: event.recovered,
        copy: event.copy,
      });
      this.notices.push({ id: `${event.copy}`, message });
    }
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }

  status(): StorageStatus {
    return { ...(this.problem ? { problem: this.problem } : {}), notices: [...this.notices] };
  }

  onChange(listener: (status: StorageStatus) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  dispose(): void {
    this.off();
    this.listeners.clear();
  }
}

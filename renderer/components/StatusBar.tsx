import { useAppStore } from '../store/app';
import { whenShort } from './format';

export function StatusBar() {
  const { info, error, lastHeartbeat, storage } = useAppStore();
  return (
    <footer className="status-bar" role="contentinfo" aria-label="Status">
      {storage.problem && (
        <span className="field-error" aria-label="Saving">
          {storage.problem.message}
        </span>
      )}
      {error ? (
        <span role="alert" className="field-error">
          {error}
        </span>
      ) : info ? (
        <>
          <span aria-label="Mode">{info.mode === 'electron' ? 'Desktop app' : 'Browser mode'}</span>
          <span aria-label="Version">Packline {info.version}</span>
          <span aria-label="Data folder" title={info.dataDir}>
            {info.dataDir}
          </span>
        </>
      ) : (
        <span>Connecting…</span>
      )}
      <span aria-label="Connection" aria-live="polite">
        {lastHeartbeat ? `Connected · ${whenShort(lastHeartbeat)}` : 'Waiting for Packline…'}
      </span>
    </footer>
  );
}

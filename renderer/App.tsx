import { useEffect } from 'react';
import { StatusBar } from './components/StatusBar';
import { useAppStore } from './store/app';

export function App() {
  const load = useAppStore((s) => s.load);
  const listen = useAppStore((s) => s.listen);
  useEffect(() => {
    void load();
    return listen();
  }, [load, listen]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>Packline</h1>
      </header>
      <main className="app-main">
        <p>Packing station ready.</p>
      </main>
      <StatusBar />
    </div>
  );
}

// A periodic event so both directions of the bridge are proven alive; the status bar shows it.
import type { EventBus } from './events';

export function startHeartbeat(
  bus: EventBus,
  intervalMs: number,
  startedAt = Date.now(),
): () => void {
  const beat = () =>
    bus.emit('app.heartbeat', {
      at: new Date().toISOString(),
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    });
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

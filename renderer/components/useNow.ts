import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs`, so "Late" and "Due today" move with the clock. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

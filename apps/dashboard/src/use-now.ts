import { useEffect, useState } from 'react';

const clock = () => Date.now();

/** The current time, refreshed every `intervalMs`: for "now" lines, lags and rates that age on their own. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(clock);
  useEffect(() => {
    const timer = setInterval(() => setNow(clock()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45s", "12m 5s", "3h 4m", "2d 5h": the two largest units are enough to read at a glance. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.floor(totalSeconds);
  const days = Math.floor(s / DAY);
  const hours = Math.floor((s % DAY) / HOUR);
  const minutes = Math.floor((s % HOUR) / MINUTE);
  const seconds = s % MINUTE;
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}

/** Sub-millisecond latencies are common for SQLite; "0 ms" would read as "not measured". */
export function formatLatency(ms: number): string {
  return ms < 1 ? '< 1 ms' : `${Math.round(ms)} ms`;
}

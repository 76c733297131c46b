const pad = (value: number): string => String(value).padStart(2, '0');

/**
 * A countdown as a duty officer reads it at a glance: `mm:ss` under an hour, `h:mm:ss` under a
 * day, `Nd hh:mm` beyond; overdue time gets a leading minus. Whole seconds, rounded towards the
 * deadline, so "00:00" shows only at the deadline itself.
 */
export function formatCountdown(ms: number): string {
  const overdue = ms < 0;
  const totalSeconds = overdue ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3_600);
  const minutes = Math.floor((totalSeconds % 3_600) / 60);
  const seconds = totalSeconds % 60;
  const sign = overdue && totalSeconds > 0 ? '−' : '';
  if (days > 0) return `${sign}${days}d ${pad(hours)}:${pad(minutes)}`;
  if (hours > 0) return `${sign}${hours}:${pad(minutes)}:${pad(seconds)}`;
  return `${sign}${pad(minutes)}:${pad(seconds)}`;
}

export type CountdownTone = 'ok' | 'warning' | 'overdue';

/** Warning in the last fifth of the SLA window, or the last five minutes, whichever comes first. */
export function countdownTone(msLeft: number, windowMs: number): CountdownTone {
  if (msLeft < 0) return 'overdue';
  return msLeft <= Math.max(windowMs / 5, 5 * 60_000) ? 'warning' : 'ok';
}

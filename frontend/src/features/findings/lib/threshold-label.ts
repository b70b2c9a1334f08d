/** Units that end threshold names, as people write them. */
const UNITS: Record<string, string> = { Mb: 'MB', Gb: 'GB', Ms: 'ms', Seconds: 'seconds', Minutes: 'minutes', Days: 'days' };

/** "minIndexSizeMb" → "Min index size (MB)": a label from an analyzer's threshold name; the name stays in the hint. */
export function thresholdLabel(name: string): string {
  const words = name.split(/(?=[A-Z])/);
  const unit = words.length > 1 ? UNITS[words.at(-1)!] : undefined;
  const text = (unit ? words.slice(0, -1) : words).join(' ').toLowerCase();
  const label = text.charAt(0).toUpperCase() + text.slice(1);
  return unit ? `${label} (${unit})` : label;
}

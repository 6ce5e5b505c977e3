/** Small helpers the message catalogs share. */
export const FORMAT_TEXT: Record<string, string> = {
  id: 'an id: a letter, then up to 63 letters, digits, "_" or "-"',
  metric_id: 'a metric id: letters, digits, "_", "-" and "." (for example "conversion.mql.sal")',
  date: 'a calendar date as YYYY-MM-DD',
  time_of_day: 'a time of day as HH:MM (00:00 to 24:00)',
  currency: 'an ISO 4217 currency code such as "USD"',
  field_path: 'a field path such as "attributes.employees"',
  regex_flags: 'regular-expression flags from "imsu" (stateful flags "g" and "y" are not allowed)',
  version: 'a version string',
};

export const list = (values: readonly unknown[], max = 12): string => {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v));
  return values.length > max ? `${shown.join(', ')}, … (${values.length} in all)` : shown.join(', ');
};

export const short = (text: string, max = 40): string =>
  JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

export const SIZE = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;

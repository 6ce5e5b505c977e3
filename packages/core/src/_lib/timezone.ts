const known = new Map<string, boolean>();

/** True for a time zone the runtime's Intl knows (IANA names, including "UTC"). Cached. */
export function isValidTimeZone(timeZone: string): boolean {
  let valid = known.get(timeZone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
      valid = timeZone.length > 0;
    } catch {
      valid = false;
    }
    known.set(timeZone, valid);
  }
  return valid;
}

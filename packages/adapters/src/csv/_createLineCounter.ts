/**
 * Returns a function giving the 1-based line of a byte offset in `bytes`. A line ends at LF, CRLF
 * (counted once) or a lone CR. Offsets are usually asked for in increasing order, so the scan
 * resumes where it stopped; an earlier offset restarts it.
 */
export function createLineCounter(bytes: Uint8Array): (offset: number) => number {
  let cursor = 0;
  let line = 1;
  return (offset) => {
    if (offset < cursor) {
      cursor = 0;
      line = 1;
    }
    for (const end = Math.min(offset, bytes.length); cursor < end; cursor++) {
      const byte = bytes[cursor];
      if (byte === 0x0a || (byte === 0x0d && bytes[cursor + 1] !== 0x0a)) line++;
    }
    return line;
  };
}

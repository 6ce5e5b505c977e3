import { createLineCounter } from './_createLineCounter';

/** The text of a CSV input, or where its first byte that is not UTF-8 sits. */
export type DecodedCsvInput =
  | { ok: true; text: string }
  | { ok: false /** 1-based. */; line: number /** 0-based, from the start of the input. */; byteOffset: number };

/**
 * Offset of the first byte that does not belong to a well-formed UTF-8 sequence (the lead byte of
 * a broken sequence), following the WHATWG decoder: no overlongs, no surrogates, nothing above
 * U+10FFFF. Returns the input length when every byte is valid.
 */
function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let size: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) size = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      size = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      size = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < size; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += size;
  }
  return bytes.length;
}

/**
 * Turns CSV input into text: bytes are decoded as strict UTF-8 (a bad byte is located, never
 * replaced), and one leading byte-order mark is removed from bytes and strings alike.
 */
export function decodeCsvInput(input: string | Uint8Array): DecodedCsvInput {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
    } catch {
      const byteOffset = firstInvalidUtf8Byte(input);
      return { ok: false, line: createLineCounter(input)(byteOffset), byteOffset };
    }
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

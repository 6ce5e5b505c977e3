import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library only cleans up by itself when vitest globals are on; they are off here.
afterEach(() => {
  cleanup();
});

// jsdom has no CSS.escape, which user-event uses to find the other radios of a group on arrow keys.
// This is the CSSOM serialisation of an identifier (https://drafts.csswg.org/cssom/#serialize-an-identifier).
if (typeof globalThis.CSS?.escape !== 'function') {
  const cssEscape = (value: string): string => {
    let out = '';
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      const ch = value.charAt(i);
      if (code === 0) out += '\uFFFD';
      else if (
        (code >= 1 && code <= 0x1f) ||
        code === 0x7f ||
        (i === 0 && code >= 0x30 && code <= 0x39) ||
        (i === 1 && code >= 0x30 && code <= 0x39 && value.charCodeAt(0) === 0x2d)
      )
        out += `\\${code.toString(16)} `;
      else if (i === 0 && value.length === 1 && code === 0x2d) out += `\\${ch}`;
      else if (code >= 0x80 || code === 0x2d || code === 0x5f || /[0-9A-Za-z]/.test(ch)) out += ch;
      else out += `\\${ch}`;
    }
    return out;
  };
  Object.assign(globalThis, { CSS: { ...globalThis.CSS, escape: cssEscape } });
}

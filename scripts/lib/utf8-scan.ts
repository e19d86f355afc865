/**
 * Walks bytes as UTF-8 and says which bytes are not part of a valid
 * sequence, and whether any valid multi-byte sequence exists. Together these
 * tell a file saved as Windows-1252 (no valid multi-byte sequence: safe to
 * read as Windows-1252) from a UTF-8 file with a few pasted Windows-1252
 * bytes (both: reading either way would publish mojibake).
 */

export interface Utf8Scan {
  /** Byte offsets that are not part of a valid UTF-8 sequence. */
  invalid: number[];
  /** How many valid sequences of two bytes or more were found. */
  multiByte: number;
}

/** The valid range of the second byte after each lead byte (RFC 3629), and the sequence length. */
function sequenceOf(lead: number): { length: number; low: number; high: number } | null {
  if (lead >= 0xc2 && lead <= 0xdf) return { length: 2, low: 0x80, high: 0xbf };
  if (lead === 0xe0) return { length: 3, low: 0xa0, high: 0xbf };
  if ((lead >= 0xe1 && lead <= 0xec) || lead === 0xee || lead === 0xef) return { length: 3, low: 0x80, high: 0xbf };
  if (lead === 0xed) return { length: 3, low: 0x80, high: 0x9f };
  if (lead === 0xf0) return { length: 4, low: 0x90, high: 0xbf };
  if (lead >= 0xf1 && lead <= 0xf3) return { length: 4, low: 0x80, high: 0xbf };
  if (lead === 0xf4) return { length: 4, low: 0x80, high: 0x8f };
  return null;
}

export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  const invalid: number[] = [];
  let multiByte = 0;
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index++;
      continue;
    }
    const sequence = sequenceOf(lead);
    let valid = sequence !== null && index + sequence.length <= bytes.length;
    if (sequence && valid) {
      const second = bytes[index + 1]!;
      valid = second >= sequence.low && second <= sequence.high;
      for (let next = 2; valid && next < sequence.length; next++) {
        const byte = bytes[index + next]!;
        valid = byte >= 0x80 && byte <= 0xbf;
      }
    }
    if (valid) {
      multiByte++;
      index += sequence!.length;
    } else {
      invalid.push(index);
      index++;
    }
  }
  return { invalid, multiByte };
}

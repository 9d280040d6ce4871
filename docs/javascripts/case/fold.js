// Folding and plain text: the JavaScript twin of fold() / plain() in kb_build/notice.py and
// kb_build/notice_extract.py. Each character is NFKC-normalised on its own; offsets are UTF-16 code units.

const KEEP = /[a-z0-9\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const QUOTES = { "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " " };

/** [folded text, offsets]: offsets[i] is where folded char i starts in `text`; one extra entry for the end. */
export function fold(text) {
  const out = [];
  const where = [];
  let pos = 0;
  for (const ch of text) {
    for (const n of ch.normalize("NFKC")) {
      const c = n >= "A" && n <= "Z" ? n.toLowerCase() : n;
      if (KEEP.test(c)) {
        out.push(c);
        where.push(pos);
      }
    }
    pos += ch.length;
  }
  where.push(pos);
  return [out.join(""), where];
}

/** Each character NFKC-normalised on its own, curly quotes straightened (what the extractors read). */
export function plain(text) {
  let out = "";
  for (const ch of text) {
    for (const c of ch.normalize("NFKC")) out += QUOTES[c] !== undefined ? QUOTES[c] : c;
  }
  return out;
}

/** ASCII-only lower case (Python's str.lower would also fold other scripts). */
export const lower = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

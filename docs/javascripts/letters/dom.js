// The letters tools make DOM only through h() (the calculator's, in expiry/dom.js: text is set as
// textContent and attributes one by one, so no pasted or contributor text is parsed as markup), plus
// the shared loading and fragment helpers.

import { h } from "../expiry/dom.js";

export { h };

/** A link only for https:// addresses; anything else becomes plain text. */
export function safeLink(url, text) {
  return /^https:\/\/[^\s]+$/.test(url) ? h("a", { href: url, rel: "noopener", text }) : h("span", { text });
}

/** Fetch same-site JSON files (relative URLs only: nothing is requested from another host). */
export async function loadJson(urls) {
  return Promise.all(urls.map(async (u) => {
    const resp = await fetch(u, { credentials: "same-origin" });
    if (!resp.ok) throw new Error(`${u}: HTTP ${resp.status}`);
    return resp.json();
  }));
}

/** Parse a fragment "#a=1&b=2" into a Map (unknown keys are kept for the caller to ignore). */
export function readFragment(hash) {
  const out = new Map();
  const body = (hash || "").replace(/^#/, "");
  if (!body || body.length > 20000) return out;
  for (const part of body.split("&")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    try {
      out.set(decodeURIComponent(part.slice(0, i)), decodeURIComponent(part.slice(i + 1).replace(/\+/g, " ")));
    } catch {
      // a malformed escape: skip that pair
    }
  }
  return out;
}

export function writeFragment(pairs) {
  const body = pairs.filter(([, v]) => v !== "" && v !== null && v !== undefined)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  history.replaceState(null, "", body ? `#${body}` : location.pathname + location.search);
}

/** Both languages of a {zh, en} text: the page's language first, the other one marked with its lang. */
export function bilingual(text, lang, cls) {
  const other = lang === "zh" ? "en" : "zh";
  return h("div", { class: cls },
    h("p", { lang: lang === "zh" ? "zh-CN" : "en", text: text[lang] }),
    h("p", { class: "kb-letters__other", lang: other === "zh" ? "zh-CN" : "en", text: text[other] }));
}

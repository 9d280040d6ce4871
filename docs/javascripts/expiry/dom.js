// The only way the calculator makes DOM: h() for HTML elements, s() for SVG. Text is always set as text
// (textContent), attributes one by one, so no value is ever parsed as markup. Also download() and field().

const SVG_NS = "http://www.w3.org/2000/svg";

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") el.textContent = String(v);
    else if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" || typeof c === "number" ? String(c) : c);
  }
  return el;
}

/** An HTML element: h("p", {class: "x", text: "…", onclick: f}, child, [more children], "text"). */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, same calling convention as h(). */
export function s(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

/** A labelled form control: <div class="kb-expiry__field"><label for=id>label</label>control [hint]</div>. */
export function field(label, control, hint = null) {
  return h("div", { class: "kb-expiry__field" }, h("label", { for: control.id, text: label }), control,
    hint ? h("small", { class: "kb-expiry__hint", id: `${control.id}-hint`, text: hint }) : null);
}

/** Save `text` as a file named `name` (nothing leaves the browser: a blob URL, revoked right after). */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

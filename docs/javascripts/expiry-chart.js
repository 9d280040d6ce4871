// Inline SVG step charts for the expiry calculator. No chart library, nothing from a CDN.
// Colours come from CSS (docs/stylesheets/expiry.css), so light and dark mode both work.

import { parseDate } from "./expiry.js";

const NS = "http://www.w3.org/2000/svg";
const W = 640;
const H = 240;
const PAD = { left: 44, right: 16, top: 14, bottom: 34 };

let uid = 0;

function s(tag, attrs = {}, text = null) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== null) el.textContent = text;
  return el;
}

function frame(title, desc, cls) {
  uid += 1;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: `kb-expiry__chart ${cls}`,
    "aria-labelledby": `kbxc${uid}-t kbxc${uid}-d`, preserveAspectRatio: "xMidYMid meet" });
  svg.append(s("title", { id: `kbxc${uid}-t` }, title), s("desc", { id: `kbxc${uid}-d` }, desc));
  return svg;
}

/** x and y scales for points [{date, value}] over [first date, last date (+ tail)] and [0, yMax]. */
function scales(points, yMax) {
  const d0 = parseDate(points[0].date);
  let d1 = parseDate(points[points.length - 1].date);
  if (d1 - d0 < 7) d1 = d0 + 7;
  const tail = Math.max(1, Math.round((d1 - d0) * 0.04));
  const span = d1 + tail - d0;
  const x = (iso) => PAD.left + ((parseDate(iso) - d0) / span) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  return { x, y, xEnd: W - PAD.right };
}

function stepPath(points, x, y, xEnd) {
  let d = `M${x(points[0].date).toFixed(1)},${y(points[0].value).toFixed(1)}`;
  for (let i = 1; i < points.length; i++) {
    d += `H${x(points[i].date).toFixed(1)}V${y(points[i].value).toFixed(1)}`;
  }
  return `${d}H${xEnd.toFixed(1)}`;
}

function axes(svg, points, x, y, yTicks, fmt) {
  const g = s("g", { class: "kb-expiry__axis", "aria-hidden": "true" });
  g.append(s("line", { x1: PAD.left, x2: W - PAD.right, y1: H - PAD.bottom, y2: H - PAD.bottom }));
  for (const v of yTicks) {
    g.append(s("line", { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: "kb-expiry__grid" }));
    g.append(s("text", { x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end" }, String(v)));
  }
  // Date labels: first and last, plus the middle change point when there is room.
  const picks = [points[0]];
  if (points.length > 2) picks.push(points[Math.floor(points.length / 2)]);
  if (points.length > 1) picks.push(points[points.length - 1]);
  let lastX = -Infinity;
  picks.forEach((p, i) => {
    const px = x(p.date);
    if (px - lastX < 110) return;
    lastX = px;
    const anchor = i === 0 ? "start" : i === picks.length - 1 && px > W - 120 ? "end" : "middle";
    g.append(s("line", { x1: px, x2: px, y1: H - PAD.bottom, y2: H - PAD.bottom + 5 }));
    g.append(s("text", { x: px, y: H - 10, "text-anchor": anchor }, fmt(p.date)));
  });
  svg.append(g);
}

function niceTicks(max) {
  if (max <= 5) return Array.from({ length: max + 1 }, (_, i) => i);
  const step = Math.ceil(max / 4);
  const out = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  if (out[out.length - 1] !== max) out.push(max);
  return out;
}

/** Number of counting violations from today until all clear. */
export function renderCountChart(timeline, { title, desc, fmt }) {
  const points = timeline.map((p) => ({ date: p.date, value: p.counting }));
  const max = Math.max(1, ...points.map((p) => p.value));
  const svg = frame(title, desc, "kb-expiry__chart--count");
  const { x, y, xEnd } = scales(points, max);
  axes(svg, points, x, y, niceTicks(max), fmt);
  svg.append(s("path", { d: stepPath(points, x, y, xEnd), class: "kb-expiry__line" }));
  return wrap(title, svg, null);
}

/** Estimated score over time with the three bands (≥ 200, 100–199, < 100). */
export function renderScoreChart(series, { title, desc, bands, fmt }) {
  const points = series.map((p) => ({ date: p.date, value: p.score }));
  const top = Math.max(...points.map((p) => p.value));
  const yMax = Math.min(1000, Math.max(300, Math.ceil((top * 1.15) / 50) * 50));
  const svg = frame(title, desc, "kb-expiry__chart--score");
  const { x, y, xEnd } = scales(points, yMax);
  const bandRect = (lo, hi, cls) =>
    s("rect", { x: PAD.left, width: xEnd - PAD.left, y: y(hi), height: y(lo) - y(hi), class: `kb-expiry__bandrect kb-expiry__band--${cls}` });
  svg.append(bandRect(0, 100, "critical"), bandRect(100, 200, "risk"), bandRect(200, yMax, "healthy"));
  const ticks = [0, 100, 200, ...(yMax > 400 ? [Math.round(yMax / 2 / 50) * 50] : []), yMax];
  axes(svg, points, x, y, [...new Set(ticks)].sort((a, b) => a - b), fmt);
  svg.append(s("path", { d: stepPath(points, x, y, xEnd), class: "kb-expiry__line" }));
  const legend = document.createElement("ul");
  legend.className = "kb-expiry__legend";
  for (const key of ["healthy", "risk", "critical"]) {
    const li = document.createElement("li");
    const sw = document.createElement("span");
    sw.className = `kb-expiry__swatch kb-expiry__band--${key}`;
    sw.setAttribute("aria-hidden", "true");
    li.append(sw, bands[key]);
    legend.append(li);
  }
  return wrap(title, svg, legend);
}

function wrap(title, svg, legend) {
  const fig = document.createElement("figure");
  fig.className = "kb-expiry__figure";
  const cap = document.createElement("figcaption");
  cap.textContent = title;
  fig.append(svg);
  if (legend) fig.append(legend);
  fig.append(cap);
  return fig;
}

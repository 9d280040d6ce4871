// Inline SVG step charts for the expiry calculator. No chart library, nothing from a CDN.
// Colours come from CSS (docs/stylesheets/expiry.css), so light and dark mode both work.
// The viewBox is as wide as the chart is drawn (`width`, in CSS px), so 12-unit labels are 12 px on any screen.

import { dayNumber } from "./compute.js";
import { BANDS, MAX_SCORE } from "./limits.js";
import { h, s } from "./dom.js";

const HEIGHT = 240;
const PAD = { left: 40, right: 12, top: 16, bottom: 34 };
const MIN_WIDTH = 280;
const MAX_WIDTH = 760;

let uid = 0;

function frame(title, desc, cls, width) {
  uid += 1;
  return s("svg", { viewBox: `0 0 ${width} ${HEIGHT}`, role: "img", class: `kb-expiry__chart ${cls}`,
    "aria-labelledby": `kbxc${uid}-t kbxc${uid}-d`, preserveAspectRatio: "xMidYMid meet" },
  s("title", { id: `kbxc${uid}-t`, text: title }), s("desc", { id: `kbxc${uid}-d`, text: desc }));
}

/** x and y scales for points [{date, value}] over [first date, last date (+ tail)] and [0, yMax]. */
function scales(points, yMax, width) {
  const d0 = dayNumber(points[0].date);
  let d1 = dayNumber(points[points.length - 1].date);
  if (d1 - d0 < 7) d1 = d0 + 7;
  const tail = Math.max(1, Math.round((d1 - d0) * 0.04));
  const span = d1 + tail - d0;
  const x = (iso) => PAD.left + ((dayNumber(iso) - d0) / span) * (width - PAD.left - PAD.right);
  const y = (v) => HEIGHT - PAD.bottom - (v / yMax) * (HEIGHT - PAD.top - PAD.bottom);
  return { x, y, xEnd: width - PAD.right, width };
}

function stepPath(points, { x, y, xEnd }) {
  let d = `M${x(points[0].date).toFixed(1)},${y(points[0].value).toFixed(1)}`;
  for (let i = 1; i < points.length; i++) d += `H${x(points[i].date).toFixed(1)}V${y(points[i].value).toFixed(1)}`;
  return `${d}H${xEnd.toFixed(1)}`;
}

/** Axes, grid and labels. Date labels: every change point that has room, the first and the last always tried. */
function axes(svg, points, sc, yTicks, fmt) {
  const { x, y, width } = sc;
  const bottom = HEIGHT - PAD.bottom;
  const g = s("g", { class: "kb-expiry__axis", "aria-hidden": "true" },
    s("line", { x1: PAD.left, x2: width - PAD.right, y1: bottom, y2: bottom }));
  for (const v of yTicks) {
    g.append(s("line", { x1: PAD.left, x2: width - PAD.right, y1: y(v), y2: y(v), class: "kb-expiry__grid" }),
      s("text", { x: PAD.left - 6, y: y(v) + 4, "text-anchor": "end", text: String(v) }));
  }
  const room = 86; // a 12 px date label ("2024年11月1日", "1 Nov 2024") is at most ~80 px wide
  const placed = [];
  const order = [0, points.length - 1, ...points.keys()].filter((i, k, all) => all.indexOf(i) === k);
  for (const i of order) {
    const px = x(points[i].date);
    if (placed.some((q) => Math.abs(q - px) < room)) continue;
    placed.push(px);
    const anchor = px < PAD.left + room / 2 ? "start" : px > width - room / 2 ? "end" : "middle";
    g.append(s("line", { x1: px, x2: px, y1: bottom, y2: bottom + 5 }),
      s("text", { x: px, y: HEIGHT - 10, "text-anchor": anchor, text: fmt(points[i].date) }));
  }
  svg.append(g);
}

function niceTicks(max) {
  if (max <= 6) return Array.from({ length: max + 1 }, (_, i) => i);
  const step = Math.ceil(max / 4);
  const out = [];
  for (let v = 0; v <= max; v += step) out.push(v);
  if (out[out.length - 1] !== max) out.push(max);
  return out;
}

const clampWidth = (width) => Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Number(width) || 640)));

/**
 * Counting violations from today until all clear, with each repeat group's limit as a dashed line
 * (and the group's own count when it differs from the total). limits: [{label, limit, steps: [{date, value}]|null}].
 */
export function renderCountChart(timeline, { title, desc, fmt, width, limits = [] }) {
  const w = clampWidth(width);
  const points = timeline.map((p) => ({ date: p.date, value: p.counting }));
  const max = Math.max(1, ...points.map((p) => p.value), ...limits.map((l) => l.limit));
  const svg = frame(title, desc, "kb-expiry__chart--count", w);
  const sc = scales(points, max, w);
  axes(svg, points, sc, niceTicks(max), fmt);
  for (const l of limits) {
    const ly = sc.y(l.limit).toFixed(1);
    svg.append(s("g", { class: "kb-expiry__limit", "data-limit": l.limit },
      s("line", { x1: PAD.left, x2: sc.xEnd, y1: ly, y2: ly }),
      s("text", { x: sc.xEnd, y: Number(ly) - 4, "text-anchor": "end", text: l.label })));
    if (l.steps) svg.append(s("path", { d: stepPath(l.steps, sc), class: "kb-expiry__line kb-expiry__line--group" }));
  }
  svg.append(s("path", { d: stepPath(points, sc), class: "kb-expiry__line" }));
  return wrap(title, svg, null);
}

/** Estimated score over time with the three bands. */
export function renderScoreChart(series, { title, desc, bands, fmt, width }) {
  const w = clampWidth(width);
  const points = series.map((p) => ({ date: p.date, value: p.score }));
  const top = Math.max(...points.map((p) => p.value));
  const yMax = Math.min(MAX_SCORE, Math.max(300, Math.ceil((top * 1.15) / 100) * 100));
  const svg = frame(title, desc, "kb-expiry__chart--score", w);
  const sc = scales(points, yMax, w);
  const bandRect = (lo, hi, cls) => s("rect", { x: PAD.left, width: sc.xEnd - PAD.left, y: sc.y(hi), height: sc.y(lo) - sc.y(hi),
    class: `kb-expiry__bandrect kb-expiry__band--${cls}` });
  svg.append(bandRect(0, BANDS.risk, "critical"), bandRect(BANDS.risk, BANDS.healthy, "risk"), bandRect(BANDS.healthy, yMax, "healthy"));
  const step = yMax > 500 ? 200 : 100;
  const ticks = [];
  for (let v = 0; v <= yMax; v += step) ticks.push(v);
  if (!ticks.includes(BANDS.healthy)) ticks.push(BANDS.healthy);
  if (!ticks.includes(yMax)) ticks.push(yMax);
  axes(svg, points, sc, ticks.sort((a, b) => a - b), fmt);
  svg.append(s("path", { d: stepPath(points, sc), class: "kb-expiry__line" }));
  const legend = h("ul", { class: "kb-expiry__legend" }, ["healthy", "risk", "critical"].map((key) =>
    h("li", {}, h("span", { class: `kb-expiry__swatch kb-expiry__band--${key}`, "aria-hidden": "true" }), bands[key])));
  return wrap(title, svg, legend);
}

function wrap(title, svg, legend) {
  return h("figure", { class: "kb-expiry__figure" }, svg, legend, h("figcaption", { text: title }));
}

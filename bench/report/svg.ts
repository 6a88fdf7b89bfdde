import type { Measurement } from "../lib/types";
import type { RunReport } from "./types";

/*
 * A hand-written SVG: one horizontal bar panel per scenario and unit (bars
 * scaled to the panel's largest value), then the target checks. No chart
 * library: the file stays small and diff-able.
 */
const width = 860;
const labelWidth = 360;
const barHeight = 18;
const colors: Record<string, string> = { sidecar: "#2563eb", "bare-uws": "#16a34a", ws: "#d97706", "socket.io": "#9333ea" };
const colorOf = (subject: string) => colors[subject.split(" ")[0]!] ?? "#64748b";
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const short = (n: number) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${Math.round(n / 1e3)}k` : `${Math.round(n * 100) / 100}`);

type Panel = { title: string; bars: Measurement[] };

function panelsOf(report: RunReport): Panel[] {
  const panels: Panel[] = [];
  for (const s of report.scenarios) {
    const byUnit = new Map<string, Measurement[]>();
    for (const m of s.result?.measurements ?? []) byUnit.set(m.unit, [...(byUnit.get(m.unit) ?? []), m]);
    for (const [unit, bars] of byUnit) panels.push({ title: `${s.name} (${unit})`, bars });
  }
  return panels;
}

function drawPanel(panel: Panel, top: number): { svg: string; height: number } {
  const max = Math.max(...panel.bars.map((b) => b.value), 1e-9);
  const parts = [`<text x="10" y="${top + 16}" font-weight="bold">${esc(panel.title)}</text>`];
  panel.bars.forEach((bar, i) => {
    const y = top + 26 + i * (barHeight + 4);
    const w = Math.max(1, ((width - labelWidth - 90) * bar.value) / max);
    parts.push(
      `<text x="${labelWidth - 6}" y="${y + 13}" text-anchor="end">${esc(`${bar.subject}: ${bar.metric}`)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${colorOf(bar.subject)}"/>`,
      `<text x="${labelWidth + w + 4}" y="${y + 13}">${short(bar.value)}</text>`,
    );
  });
  return { svg: parts.join("\n"), height: 36 + panel.bars.length * (barHeight + 4) };
}

export function toSvg(report: RunReport): string {
  let y = 40;
  const body: string[] = [`<text x="10" y="24" font-size="16" font-weight="bold">npm run bench ${esc(report.startedAt)}${report.quick ? " (quick)" : ""}</text>`];
  for (const panel of panelsOf(report)) {
    const drawn = drawPanel(panel, y);
    body.push(drawn.svg);
    y += drawn.height + 8;
  }
  body.push(`<text x="10" y="${y + 16}" font-weight="bold">targets</text>`);
  for (const r of report.scenarios.flatMap((s) => s.result?.ratios ?? [])) {
    y += 20;
    body.push(`<text x="10" y="${y + 16}" fill="${r.met ? "#16a34a" : "#dc2626"}">${r.met ? "met" : "missed"}  ${esc(r.name)}: ${short(r.ratio)} (${esc(r.target)})</text>`);
  }
  const height = y + 40;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}

/**
 * The recovery funnel per day as plain SVG: for each day, bars for missed calls, texted back and
 * replied, and one bar for conversations handled, split between the AI agent and staff. It scales
 * to its container (viewBox), thins its date labels when days get narrow, and carries a text
 * summary for screen readers; the exact numbers are in the table beside it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { formatDay } from '../format';
import type { FunnelCounts } from '../types';

export interface DayCounts extends FunnelCounts {
  date: string;
}

export const SERIES = [
  { key: 'missed', label: 'Missed calls', className: 'series-missed' },
  { key: 'texted', label: 'Texted back', className: 'series-texted' },
  { key: 'replied', label: 'Replied', className: 'series-replied' },
  { key: 'agentHandled', label: 'Handled by AI agent', className: 'series-agent' },
  { key: 'staffHandled', label: 'Handled by staff', className: 'series-staff' },
] as const;

const H = 260;

/** The element's width in CSS pixels, kept up to date, so the chart draws at 1:1 and its text stays legible. */
function useWidth<T extends HTMLElement>(fallback: number) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && Math.abs(w - width) > 1) setWidth(w);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [width]);
  return [ref, width] as const;
}
const PAD = { top: 16, right: 12, bottom: 34, left: 36 };

/** A whole-number step (1, 2, 5, 10, 20, 50…) so that four steps reach `n`: counts have no fractions. */
function niceStep(n: number): number {
  const raw = Math.max(1, Math.ceil(n / 4));
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

export function FunnelChart({ days, summary }: { days: DayCounts[]; summary: string }) {
  const id = useId();
  const [ref, measured] = useWidth<HTMLElement>(720);
  const W = Math.max(280, Math.round(measured));
  const step = niceStep(Math.max(1, ...days.map((d) => Math.max(d.missed, d.texted, d.replied, d.agentHandled + d.staffHandled))));
  const max = step * 4;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(1.5, Math.min(14, (slot * 0.8) / 4));
  const groupW = barW * 4;
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, step, 2 * step, 3 * step, max];
  // A date label needs about 52 px; show every n-th so they never overlap.
  const labelEvery = Math.max(1, Math.ceil(52 / slot));

  return (
    <figure className="chart" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMidYMid meet">
        <title id={`${id}-title`}>Missed calls, texts, replies and handled conversations per day</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line className="chart-grid" x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
            <text className="chart-axis" x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {days.map((d, i) => {
          const x0 = PAD.left + i * slot + (slot - groupW) / 2;
          const bars: Array<{ v: number; cls: string; base?: number }> = [
            { v: d.missed, cls: 'series-missed' },
            { v: d.texted, cls: 'series-texted' },
            { v: d.replied, cls: 'series-replied' },
          ];
          return (
            <g key={d.date}>
              {bars.map((b, j) => (
                <rect key={b.cls} className={b.cls} x={x0 + j * barW} width={Math.max(1, barW - 1)} y={y(b.v)} height={Math.max(0, y(0) - y(b.v))} rx={1} />
              ))}
              <rect className="series-agent" x={x0 + 3 * barW} width={Math.max(1, barW - 1)} y={y(d.agentHandled)} height={Math.max(0, y(0) - y(d.agentHandled))} rx={1} />
              <rect
                className="series-staff"
                x={x0 + 3 * barW}
                width={Math.max(1, barW - 1)}
                y={y(d.agentHandled + d.staffHandled)}
                height={Math.max(0, y(d.agentHandled) - y(d.agentHandled + d.staffHandled))}
                rx={1}
              />
              {i % labelEvery === 0 ? (
                <text className="chart-axis" x={PAD.left + i * slot + slot / 2} y={H - PAD.bottom + 18} textAnchor="middle">
                  {formatDay(d.date)}
                </text>
              ) : null}
            </g>
          );
        })}
        <line className="chart-baseline" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
      </svg>
      <figcaption>
        <ul className="legend">
          {SERIES.map((s) => (
            <li key={s.key}>
              <span className={`legend-swatch ${s.className}`} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

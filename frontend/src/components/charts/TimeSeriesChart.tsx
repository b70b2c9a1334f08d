import { useEffect, useId, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { type ChartMarker, markersPlugin } from './markers';
import { lastValue, type Column } from './series';

export type ChartSeries = { label: string; values: Column };

type TimeSeriesChartProps = {
  title: string;
  /** Bucket times, epoch milliseconds, ascending; one value per bucket in each series. */
  xs: readonly number[];
  series: readonly ChartSeries[];
  /** For the axis, the legend and the text summary. */
  format: (value: number) => string;
  /** The x axis spans the requested window even where there is no data. */
  fromMs: number;
  toMs: number;
  /** `zero`: from 0 up (counts, sizes, rates); `percent`: up to 100, from just below the lowest value. */
  yScale?: 'zero' | 'percent';
  /** Called with the window dragged over; the chart does not zoom by itself, the page decides. */
  onZoom?: (fromMs: number, toMs: number) => void;
  /** Charts with the same key move their cursors together. */
  syncKey?: string;
  /** Vertical lines at moments worth seeing against the data (findings opened and resolved). */
  markers?: readonly ChartMarker[];
  height?: number;
};

const PALETTE_SIZE = 8;
const NO_MARKERS: readonly ChartMarker[] = [];

/** Follows the operating system's light/dark setting, which is what the CSS variables follow too. */
function useColorScheme(): 'light' | 'dark' {
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const onChange = (event: MediaQueryListEvent) => setDark(event.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  return dark ? 'dark' : 'light';
}

type ChartTheme = { text: string; grid: string; colors: string[] };

const themes = new Map<'light' | 'dark', ChartTheme>();

/**
 * The theme's colours from the root's variables, read once per colour scheme: a page of charts would otherwise
 * compute styles (and lay the page out again) once per chart, each after the previous one added its canvas.
 */
function chartTheme(scheme: 'light' | 'dark'): ChartTheme {
  const known = themes.get(scheme);
  if (known) return known;
  const style = getComputedStyle(document.documentElement);
  const cssVar = (name: string) => style.getPropertyValue(name).trim();
  const theme = {
    text: cssVar('--text-muted'),
    grid: cssVar('--border'),
    colors: Array.from({ length: PALETTE_SIZE }, (_, index) => cssVar(`--chart-${index + 1}`)),
  };
  // Before the stylesheet applies the variables are empty: read again next time rather than keep no colours.
  if (theme.text) themes.set(scheme, theme);
  return theme;
}

/** A y axis as wide as its longest label ("100.00 %", "7.54 MiB"), measured with the axis's own font. */
function axisSize(chart: uPlot, values: string[] | null, axisIndex: number, cycle: number): number {
  const axis = chart.axes[axisIndex] as uPlot.Axis & { _size?: number; font?: [string, number] };
  // uPlot calls again while it settles the layout; the first measurement stands.
  if (cycle > 1 && axis._size !== undefined) return axis._size;
  const longest = (values ?? []).reduce((widest, value) => (value.length > widest.length ? value : widest), '');
  if (axis.font?.[0]) chart.ctx.font = axis.font[0];
  const text = longest ? chart.ctx.measureText(longest).width / (window.devicePixelRatio || 1) : 0;
  return Math.ceil(text + (axis.ticks?.size ?? 10) + (axis.gap ?? 5) + 6);
}

/** uPlot wants seconds on a time axis. */
const toAligned = (xs: readonly number[], series: readonly ChartSeries[]): uPlot.AlignedData => [
  xs.map((at) => at / 1000),
  ...series.map((line) => line.values as (number | null)[]),
];

/**
 * A canvas line chart (uPlot: tens of thousands of points per series stay smooth). Drag across it to zoom:
 * the page receives the window and refetches at a finer resolution. The canvas is summarised in text for
 * screen readers; the legend shows the values under the cursor.
 */
export function TimeSeriesChart({
  title,
  xs,
  series,
  format,
  fromMs,
  toMs,
  yScale = 'zero',
  onZoom,
  syncKey,
  markers = NO_MARKERS,
  height = 180,
}: TimeSeriesChartProps) {
  const titleId = useId();
  const target = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const scheme = useColorScheme();
  // Read by uPlot callbacks, which are created once per chart.
  const latest = useRef({ xs, series, format, fromMs, toMs, onZoom, markers });
  latest.current = { xs, series, format, fromMs, toMs, onZoom, markers };
  const labels = series.map((line) => line.label).join('\u0000');

  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const { text, grid, colors } = chartTheme(scheme);
    const formatValue = (value: number | null) => (value === null || value === undefined ? '–' : latest.current.format(value));
    // Away from the cursor the legend shows each line's latest value instead of dashes.
    const legendValue = (value: number | null, seriesIndex: number, dataIndex: number | null) =>
      dataIndex === null ? formatValue(lastValue(latest.current.series[seriesIndex - 1]?.values ?? [])) : formatValue(value);
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const options = (width: number): uPlot.Options => ({
      width: Math.max(width, 200),
      height,
      cursor: {
        drag: { x: true, y: false, setScale: false },
        ...(syncKey ? { sync: { key: syncKey } } : {}),
      },
      scales: {
        x: { time: true, range: () => [latest.current.fromMs / 1000, latest.current.toMs / 1000] },
        y: {
          range: (_plot, min, max) => {
            if (yScale === 'percent') return [Math.max(0, Math.floor((min ?? 0) - 1)), 100];
            const top = max !== null && max > 0 ? max * 1.1 : 1;
            return [Math.min(0, min ?? 0), top];
          },
        },
      },
      axes: [axis, { ...axis, size: axisSize, values: (_plot, splits) => splits.map((value) => latest.current.format(value)) }],
      series: [
        { value: (_plot, seconds, _series, dataIndex) => (dataIndex === null || seconds === null ? 'latest' : new Date(seconds * 1000).toLocaleString()) },
        ...latest.current.series.map((line, index) => ({
          label: line.label,
          stroke: colors[index % PALETTE_SIZE] || '#0b5cad',
          width: 1.5,
          value: (_plot: uPlot, value: number | null, seriesIndex: number, dataIndex: number | null) => legendValue(value, seriesIndex, dataIndex),
        })),
      ],
      plugins: [markersPlugin(() => latest.current.markers)],
      hooks: {
        setSelect: [
          (chart) => {
            const { left, width } = chart.select;
            if (width > 2 && latest.current.onZoom) {
              latest.current.onZoom(chart.posToVal(left, 'x') * 1000, chart.posToVal(left + width, 'x') * 1000);
            }
            chart.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
      },
    });
    let chart: uPlot | null = null;
    let drawnWidth = -1;
    const fit = (width: number) => {
      // The chart's own legend changes the wrapper's height: only a new width redraws.
      if (width === drawnWidth) return;
      drawnWidth = width;
      if (chart) return chart.setSize({ width: Math.max(width, 200), height });
      chart = new uPlot(options(width), toAligned(latest.current.xs, latest.current.series), element);
      plot.current = chart;
    };
    // The chart is built at its first size report, which comes after the browser's own layout of the page: asking
    // for the width here would lay the page out again for every chart, each time after the previous one was added.
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(([entry]) => entry && fit(entry.contentRect.width));
    if (resize) resize.observe(element);
    else fit(element.clientWidth);
    return () => {
      resize?.disconnect();
      chart?.destroy();
      plot.current = null;
    };
    // Rebuilt only when the lines or the theme change; new data goes through setData below.
  }, [labels, scheme, yScale, syncKey, height]);

  useEffect(() => {
    plot.current?.setData(toAligned(xs, series));
  }, [xs, series, fromMs, toMs]);

  useEffect(() => {
    plot.current?.redraw(false);
  }, [markers]);

  const summary = series
    .map((line) => {
      const value = lastValue(line.values);
      return `${line.label} ${value === null ? 'no data' : format(value)}`;
    })
    .join('; ');

  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      {/* The wrapper holds uPlot's canvas and legend; the label carries the latest values for screen readers. */}
      <div ref={target} className="chart-plot" role="img" aria-label={`${title}, latest values: ${summary}`} />
    </figure>
  );
}

import type uPlot from 'uplot';

/** A moment worth a vertical line across a chart: an event, not a value. */
export type ChartMarker = {
  atMs: number;
  /** Picks the colour: the page's danger, warning or muted text colour. */
  tone: 'danger' | 'warn' | 'muted';
  /** Solid for something that began, dashed for something that ended. */
  line: 'solid' | 'dashed';
  /** Shown on hover. */
  label: string;
};

const TONE_VARIABLES: Record<ChartMarker['tone'], string> = { danger: '--danger-text', warn: '--warn-text', muted: '--text-muted' };
/** Half the width of a hover strip, in CSS pixels (as in the stylesheet). */
const STRIP_PX = 3;
/** Markers at the same moment overlap: the most urgent is drawn last, on top. */
const TONE_RANK: Record<ChartMarker['tone'], number> = { muted: 0, warn: 1, danger: 2 };

/** Markers inside [fromMs, toMs], with their x across a plot area `widthPx` wide (in the unit of `widthPx`). */
export function placeMarkers(markers: readonly ChartMarker[], fromMs: number, toMs: number, widthPx: number): Array<{ marker: ChartMarker; x: number }> {
  if (toMs <= fromMs) return [];
  return markers
    .filter((marker) => marker.atMs >= fromMs && marker.atMs <= toMs)
    .map((marker) => ({ marker, x: ((marker.atMs - fromMs) / (toMs - fromMs)) * widthPx }));
}

/**
 * Draws the markers as vertical lines on the canvas after the series, and lays a thin hover strip over each in
 * uPlot's overlay whose title names it (a canvas has no tooltips). The strips sit in the overlay, so a drag that
 * starts on one still zooms.
 */
export function markersPlugin(current: () => readonly ChartMarker[]): uPlot.Plugin {
  let strips: HTMLDivElement | null = null;
  return {
    hooks: {
      init: (chart) => {
        strips = document.createElement('div');
        strips.className = 'chart-markers';
        chart.over.appendChild(strips);
      },
      draw: (chart) => {
        const { left, top, width, height } = chart.bbox;
        const [fromSeconds, toSeconds] = [chart.scales.x!.min ?? 0, chart.scales.x!.max ?? 0];
        const placed = placeMarkers(current(), fromSeconds * 1000, toSeconds * 1000, width).sort((a, b) => TONE_RANK[a.marker.tone] - TONE_RANK[b.marker.tone]);
        const ratio = window.devicePixelRatio || 1;
        const style = getComputedStyle(chart.root);
        const ctx = chart.ctx;
        ctx.save();
        ctx.lineWidth = 1.5 * ratio;
        for (const { marker, x } of placed) {
          ctx.strokeStyle = style.getPropertyValue(TONE_VARIABLES[marker.tone]).trim() || '#a3161d';
          ctx.setLineDash(marker.line === 'dashed' ? [4 * ratio, 3 * ratio] : []);
          ctx.beginPath();
          ctx.moveTo(left + x, top);
          ctx.lineTo(left + x, top + height);
          ctx.stroke();
        }
        ctx.restore();
        // One hover strip per spot: markers a few pixels apart share it, and its title names them all, most urgent first.
        const spots: Array<{ x: number; placed: typeof placed }> = [];
        for (const item of placed) {
          const spot = spots.find((candidate) => Math.abs(candidate.x - item.x) <= STRIP_PX * ratio);
          if (spot) spot.placed.unshift(item);
          else spots.push({ x: item.x, placed: [item] });
        }
        strips?.replaceChildren(
          ...spots.map((spot) => {
            const strip = document.createElement('div');
            strip.className = `chart-marker chart-marker-${spot.placed[0]!.marker.tone}`;
            strip.title = spot.placed.map(({ marker }) => marker.label).join('\n');
            // The overlay is in CSS pixels; the bbox in canvas pixels.
            strip.style.left = `${spot.x / ratio}px`;
            return strip;
          }),
        );
      },
    },
  };
}

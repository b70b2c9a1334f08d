import { formatDateTime } from '@/lib/format';
import { RANGES, isZoomed, resetZoom, type TimeWindow } from '../lib/time-window';

type RangePickerProps = { window: TimeWindow; onChange: (window: TimeWindow) => void; zoomHint?: boolean };

/** The last 15 minutes to 30 days; a zoomed window shows its bounds and a way back. */
export function RangePicker({ window, onChange, zoomHint = false }: RangePickerProps) {
  const zoomed = isZoomed(window);
  return (
    <div className="range-picker">
      <div role="group" aria-label="Time range" className="segmented">
        {RANGES.map((range) => (
          <button key={range.key} type="button" aria-pressed={!zoomed && window.range === range.key} onClick={() => onChange({ range: range.key })}>
            {range.label}
          </button>
        ))}
      </div>
      {zoomed ? (
        <p className="range-zoom" aria-live="polite">
          <span>
            <time dateTime={new Date(window.fromMs).toISOString()}>{formatDateTime(new Date(window.fromMs).toISOString())}</time> –{' '}
            <time dateTime={new Date(window.toMs).toISOString()}>{formatDateTime(new Date(window.toMs).toISOString())}</time>
          </span>
          <button type="button" className="small" onClick={() => onChange(resetZoom(window))}>
            Reset zoom
          </button>
        </p>
      ) : (
        zoomHint && <p className="muted range-zoom">Drag across a chart to zoom in.</p>
      )}
    </div>
  );
}

import type { ObjectMark } from '../lib/object-marks';

const TONES = { critical: 'badge-danger', warning: 'badge-warn', info: 'badge-unknown' } as const;

export function Marks({ marks }: { marks: readonly ObjectMark[] | undefined }) {
  if (!marks || marks.length === 0) return null;
  return (
    <ul className="chips marks">
      {marks.map((mark) => (
        <li key={mark.label}>
          <span className={`badge ${TONES[mark.severity]}`} title={mark.title}>
            {mark.label}
          </span>
        </li>
      ))}
    </ul>
  );
}

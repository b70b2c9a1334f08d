/** Never dismissible: it stays on every page, pinned to the top, for the whole emergency session. */
export function EmergencyBanner() {
  return (
    <div role="alert" className="emergency-banner">
      <strong>Emergency access:</strong> authorization is bypassed and every action is audited. Log out as soon as the emergency is over.
    </div>
  );
}

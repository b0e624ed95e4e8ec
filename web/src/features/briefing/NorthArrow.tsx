/** The map is never rotated (rotation is off), so north is always up. */
export function NorthArrow() {
  return (
    <svg className="brief-north" viewBox="0 0 40 56" role="img" aria-label="指北针">
      <polygon points="20,4 32,40 20,32 8,40" fill="#1c2430" />
      <polygon points="20,4 20,32 8,40" fill="#ffffff" stroke="#1c2430" strokeWidth="1.5" />
      <text x="20" y="54" textAnchor="middle" fontSize="14" fontWeight="700" fill="#1c2430">
        北
      </text>
    </svg>
  );
}

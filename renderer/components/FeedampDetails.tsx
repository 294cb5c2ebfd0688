// FeedAMP's own ids and raw values, out of the packer's way: folded under one "FeedAMP details"
// line for the seller's IT person or a support call, never in a sentence.
export function FeedampDetails({
  rows,
  summary = 'FeedAMP details',
}: {
  rows: readonly (readonly [string, string | undefined])[];
  summary?: string;
}) {
  const shown = rows.filter((r): r is readonly [string, string] => !!r[1]);
  if (shown.length === 0) return null;
  return (
    <details className="feedamp-details">
      <summary>{summary}</summary>
      <dl>
        {shown.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>
              <code>{value}</code>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

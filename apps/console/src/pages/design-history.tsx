import { useState } from 'react';
import { useQuery } from 'urql';
import { diffLines } from '../diff';
import { graphql } from '../gql';
import { SelectField } from '../forms';
import { ErrorMessage, Section, formatTime } from '../ui';

const RevisionsQuery = graphql(`
  query DesignRevisions($id: ID!) {
    design(id: $id) {
      id
      revisions(first: 100) {
        revision
        name
        content
        createdAt
        author {
          displayName
        }
      }
    }
  }
`);

/** Revision history with a line diff between any two revisions (older on the left by default). */
/** Keyed by the design's revision by its parent, so a new revision refetches the history. */
export function DesignHistory({ designId }: { designId: string }) {
  const [{ data, error }] = useQuery({
    query: RevisionsQuery,
    variables: { id: designId },
    requestPolicy: 'network-only',
  });
  const revisions = data?.design?.revisions ?? [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const newest = revisions.reduce((max, r) => Math.max(max, r.revision), 0);
  const toRevision = to ?? newest;
  const fromRevision = from ?? Math.max(1, toRevision - 1);
  const before = revisions.find((r) => r.revision === fromRevision);
  const after = revisions.find((r) => r.revision === toRevision);
  const lines = before && after ? diffLines(before.content, after.content) : [];
  const changed = lines.filter((line) => line.kind !== 'same').length;
  const numbers = revisions.map((r) => String(r.revision));

  return (
    <Section title="Revision history">
      <ErrorMessage error={error} />
      <ol className="list revisions" reversed>
        {[...revisions]
          .sort((a, b) => b.revision - a.revision)
          .map((r) => (
            <li key={r.revision}>
              <strong>Revision {r.revision}</strong> · {formatTime(r.createdAt)} ·{' '}
              {r.author?.displayName ?? 'unknown'}
            </li>
          ))}
      </ol>
      {revisions.length > 1 ? (
        <>
          <div className="inline-form">
            <SelectField
              label="Compare revision"
              options={numbers}
              value={String(fromRevision)}
              onChange={(value) => setFrom(Number(value))}
            />
            <SelectField
              label="with revision"
              options={numbers}
              value={String(toRevision)}
              onChange={(value) => setTo(Number(value))}
            />
          </div>
          <p className="muted" aria-live="polite">
            {changed === 0 ? 'No line differs.' : `${changed} line(s) differ.`}
          </p>
          <pre
            className="code diff"
            aria-label={`Diff of revision ${fromRevision} and ${toRevision}`}
            tabIndex={0}
          >
            {lines.map((line, index) => (
              <span key={index} className={`diff-${line.kind}`}>
                {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '- ' : '  '}
                {line.text}
                {'\n'}
              </span>
            ))}
          </pre>
        </>
      ) : (
        <p className="muted">Only one revision so far.</p>
      )}
    </Section>
  );
}

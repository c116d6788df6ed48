import { useId, useState, type ButtonHTMLAttributes, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { describeError } from './errors';
import { Link } from './router';

/** The console's few components: plain HTML elements with labels, focus styles and roles. */
export function Button({
  variant = 'primary',
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'secondary' | 'danger' }) {
  return <button type="button" className={`btn btn-${variant} ${className ?? ''}`} {...rest} />;
}

export function Field({
  label,
  hint,
  error,
  children,
}: {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  children(props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }): ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorMessage({ error }: { error: CombinedError | undefined | null }) {
  if (!error) return null;
  return (
    <div className="alert alert-error" role="alert">
      {describeError(error).map((view, index) => (
        <p key={index}>
          <strong>{view.title}</strong>
          {view.detail ? <span className="detail"> {view.detail}</span> : null}
        </p>
      ))}
    </div>
  );
}

export function Notice({
  children,
  tone = 'info',
}: {
  children: ReactNode;
  tone?: 'info' | 'warning' | 'success';
}) {
  return (
    <div className={`alert alert-${tone}`} role={tone === 'success' ? 'status' : undefined}>
      {children}
    </div>
  );
}

/** Says why a control is not offered to this role (the server decides regardless). */
export function Reason({ children }: { children: ReactNode }) {
  return <p className="reason">{children}</p>;
}

export function Section({
  title,
  children,
  actions,
}: {
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A table that scrolls sideways on a narrow screen, reachable by keyboard. */
export function Table({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      <table>{children}</table>
    </div>
  );
}

/** One column of a `DataTable`: its header and what a row shows in it (left out when `show` is false). */
export type Column<Row> = { header: string; cell(row: Row): ReactNode; show?: boolean };

/**
 * A table of rows by columns, with the `Table` wrapper's label and sideways scrolling. Rows are
 * keyed by their `id`, or by `rowKey` when they have none.
 */
export function DataTable<Row>({
  label,
  rows,
  rowKey = (row, index) => (hasId(row) ? row.id : String(index)),
  columns,
}: {
  label: string;
  rows: readonly Row[];
  rowKey?(row: Row, index: number): string;
  columns: Array<Column<Row>>;
}) {
  const shown = columns.filter((column) => column.show !== false);
  return (
    <Table label={label}>
      <thead>
        <tr>
          {shown.map((column) => (
            <th scope="col" key={column.header}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)}>
            {shown.map((column) => (
              <td key={column.header}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

/** One card of a grid of links (workspaces, catalog items): its title, a line about it, and what `children` adds. */
export function Tile({
  to,
  title,
  about,
  children,
}: {
  to: string;
  title: string;
  about: string;
  children: ReactNode;
}) {
  return (
    <li className="tile">
      <Link to={to}>{title}</Link>
      <p className="muted">{about}</p>
      {children}
    </li>
  );
}

function hasId(row: unknown): row is { id: string } {
  return typeof row === 'object' && row !== null && typeof (row as { id?: unknown }).id === 'string';
}

export function Badge({ children, tone }: { children: ReactNode; tone?: string }) {
  return <span className={`badge badge-${tone ?? 'plain'}`}>{children}</span>;
}

/** A secret the API returns once: shown with a copy button and a warning that it will not come back. */
export function SecretOnce({ label, value }: { label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="alert alert-warning" role="status">
      <p>
        <strong>{label}</strong> is shown only once. Copy it now; it cannot be shown again.
      </p>
      <p className="secret">
        <code data-testid="secret">{value}</code>{' '}
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </p>
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  return new Date(value).toLocaleString();
}

/**
 * Previous / next over a cursor-paginated list: `cursors` holds the `after` of every page opened
 * so far (empty on the first), so going back needs no backward cursor from the API.
 */
export function Pager({
  cursors,
  onChange,
  pageInfo,
}: {
  cursors: string[];
  onChange: (cursors: string[]) => void;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}) {
  const { endCursor } = pageInfo;
  return (
    <div className="row">
      <Button
        variant="secondary"
        disabled={cursors.length === 0}
        onClick={() => onChange(cursors.slice(0, -1))}
      >
        Previous page
      </Button>
      <Button
        variant="secondary"
        disabled={!pageInfo.hasNextPage}
        onClick={() => endCursor && onChange([...cursors, endCursor])}
      >
        Next page
      </Button>
    </div>
  );
}

import { useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { canAudit, useMe } from '../me';
import { ErrorMessage, Field, Loading, Pager, Reason, Section, Table, formatTime } from '../ui';

const AuditQuery = graphql(`
  query AuditLog($ids: [ID!]!, $filter: AuditFilter, $after: String) {
    auditLog(organizationIds: $ids, filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        action
        targetType
        targetId
        occurredAt
        organization {
          id
          name
        }
        actor {
          type
          id
          displayName
        }
      }
    }
  }
`);

/** Events across every organization where the user is OWNER, ADMIN or AUDITOR. */
export function AuditPage() {
  const { me } = useMe();
  const auditable = me.organizations.filter((m) => canAudit(m.role));
  const [organizationId, setOrganizationId] = useState('');
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [cursors, setCursors] = useState<string[]>([]);
  const ids = organizationId ? [organizationId] : auditable.map((m) => m.organization.id);
  const filter = {
    ...(action ? { actions: [action] } : {}),
    ...(actorId ? { actorId } : {}),
    ...(since ? { since: new Date(since).toISOString() } : {}),
    ...(until ? { until: new Date(until).toISOString() } : {}),
  };
  const [{ data, error, fetching }] = useQuery({
    query: AuditQuery,
    variables: { ids, filter, after: cursors[cursors.length - 1] ?? null },
    pause: ids.length === 0,
  });
  if (auditable.length === 0) return <Reason>The audit log is for OWNER, ADMIN and AUDITOR roles.</Reason>;
  const reset =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setCursors([]);
    };
  const page = data?.auditLog;
  return (
    <>
      <h1>Audit log</h1>
      <Section title="Filters">
        <div className="inline-form">
          <Field label="Organization">
            {(p) => (
              <select
                {...p}
                value={organizationId}
                onChange={(e) => reset(setOrganizationId)(e.target.value)}
              >
                <option value="">All {auditable.length} organizations</option>
                {auditable.map((m) => (
                  <option key={m.organization.id} value={m.organization.id}>
                    {m.organization.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Action" hint="Exact name, e.g. design.update">
            {(p) => <input {...p} value={action} onChange={(e) => reset(setAction)(e.target.value.trim())} />}
          </Field>
          <Field label="Actor id">
            {(p) => (
              <input {...p} value={actorId} onChange={(e) => reset(setActorId)(e.target.value.trim())} />
            )}
          </Field>
          <Field label="Since">
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={since}
                onChange={(e) => reset(setSince)(e.target.value)}
              />
            )}
          </Field>
          <Field label="Until">
            {(p) => (
              <input
                {...p}
                type="datetime-local"
                value={until}
                onChange={(e) => reset(setUntil)(e.target.value)}
              />
            )}
          </Field>
        </div>
      </Section>
      <ErrorMessage error={error} />
      {!page && fetching ? <Loading what="events" /> : null}
      {page ? (
        <Section title={`${page.totalCount} event(s)`}>
          <Table label="Audit events">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Organization</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
              </tr>
            </thead>
            <tbody>
              {page.nodes.map((event) => (
                <tr key={event.id}>
                  <td>{formatTime(event.occurredAt)}</td>
                  <td>{event.organization.name}</td>
                  <td>
                    {event.actor.displayName ?? event.actor.type}
                    {event.actor.id ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => reset(setActorId)(event.actor.id ?? '')}
                      >
                        {' '}
                        (only this actor)
                      </button>
                    ) : null}
                  </td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td>
                    {event.targetType} {event.targetId ? <code>{event.targetId.slice(0, 8)}</code> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          <Pager cursors={cursors} onChange={setCursors} pageInfo={page.pageInfo} />
        </Section>
      ) : null}
    </>
  );
}

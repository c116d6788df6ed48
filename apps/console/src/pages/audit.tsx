import { useState } from 'react';
import { usePageQuery } from '../actions';
import { SelectField, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import { canAudit, useMe } from '../me';
import { DataTable, Pager, Reason, Section, formatTime } from '../ui';

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

const isoOrNothing = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** Events across every organization where the user is OWNER, ADMIN or AUDITOR. */
export function AuditPage() {
  const { me } = useMe();
  const auditable = me.organizations.filter((m) => canAudit(m.role));
  if (auditable.length === 0) return <Reason>The audit log is for OWNER, ADMIN and AUDITOR roles.</Reason>;
  return <AuditLog organizations={auditable.map((m) => m.organization)} />;
}

function AuditLog({ organizations }: { organizations: Array<{ id: string; name: string }> }) {
  const [cursors, setCursors] = useState<string[]>([]);
  // A new filter starts again from the first page.
  const { values, field, set } = useFields(
    { organizationId: '', action: '', actorId: '', since: '', until: '' },
    () => setCursors([]),
  );
  const action = values.action.trim();
  const actorId = values.actorId.trim();
  const filter = {
    ...(action ? { actions: [action] } : {}),
    ...(actorId ? { actorId } : {}),
    since: isoOrNothing(values.since),
    until: isoOrNothing(values.until),
  };
  const ids = values.organizationId ? [values.organizationId] : organizations.map((o) => o.id);
  const page = usePageQuery(AuditQuery, { ids, filter, after: cursors.at(-1) ?? null }, 'events');
  const events = page.data?.auditLog;
  return (
    <>
      <h1>Audit log</h1>
      <Section title="Filters">
        <div className="inline-form">
          <SelectField
            label="Organization"
            placeholder={`All ${organizations.length} organizations`}
            options={organizations.map((o) => ({ value: o.id, label: o.name }))}
            {...field('organizationId')}
          />
          <TextField label="Action" hint="Exact name, e.g. design.update" {...field('action')} />
          <TextField label="Actor id" {...field('actorId')} />
          <TextField label="Since" type="datetime-local" {...field('since')} />
          <TextField label="Until" type="datetime-local" {...field('until')} />
        </div>
      </Section>
      {events ? (
        <Section title={`${events.totalCount} event(s)`}>
          <DataTable
            label="Audit events"
            rows={events.nodes}
            columns={[
              { header: 'When', cell: (event) => formatTime(event.occurredAt) },
              { header: 'Organization', cell: (event) => event.organization.name },
              {
                header: 'Actor',
                cell: ({ actor }) => (
                  <>
                    {actor.displayName ?? actor.type}
                    {actor.id ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => set('actorId')(actor.id ?? '')}
                      >
                        {' '}
                        (only this actor)
                      </button>
                    ) : null}
                  </>
                ),
              },
              { header: 'Action', cell: (event) => <code>{event.action}</code> },
              {
                header: 'Target',
                cell: (event) => (
                  <>
                    {event.targetType} {event.targetId ? <code>{event.targetId.slice(0, 8)}</code> : null}
                  </>
                ),
              },
            ]}
          />
          <Pager cursors={cursors} onChange={setCursors} pageInfo={events.pageInfo} />
        </Section>
      ) : (
        page.placeholder
      )}
    </>
  );
}

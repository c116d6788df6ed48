import { usePageQuery } from '../actions';
import { graphql } from '../gql';
import type { PolicySeverity } from '../gql/graphql';
import { canAudit, useMe } from '../me';
import { Link } from '../router';
import { Badge, DataTable, Reason, Section } from '../ui';

const ComplianceQuery = graphql(`
  query ComplianceReport($ids: [ID!]!) {
    complianceReport(organizationIds: $ids) {
      policies
      designsEvaluated
      compliantDesigns
      organization {
        id
        name
      }
      violations(first: 100) {
        totalCount
        nodes {
          ...ViolationFields
          design {
            id
            name
            workspace {
              name
            }
          }
        }
      }
    }
  }
`);

const ORDER: PolicySeverity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

/** One table across every organization the user may audit, grouped by severity. */
export function CompliancePage() {
  const { me } = useMe();
  const ids = me.organizations.filter((m) => canAudit(m.role)).map((m) => m.organization.id);
  if (ids.length === 0) return <Reason>The compliance report is for OWNER, ADMIN and AUDITOR roles.</Reason>;
  return <ComplianceReport ids={ids} />;
}

function ComplianceReport({ ids }: { ids: string[] }) {
  const page = usePageQuery(ComplianceQuery, { ids }, 'the compliance report');
  if (!page.data) return page.placeholder;
  const reports = page.data.complianceReport;
  const rows = reports.flatMap((report) =>
    report.violations.nodes.map((violation) => ({ ...violation, organization: report.organization })),
  );
  return (
    <>
      <h1>Compliance across {reports.length} organization(s)</h1>
      <Section title="Organizations">
        <DataTable
          label="Compliance summary"
          rows={reports}
          rowKey={(report) => report.organization.id}
          columns={[
            { header: 'Organization', cell: (report) => report.organization.name },
            { header: 'Policies', cell: (report) => report.policies },
            { header: 'Designs evaluated', cell: (report) => report.designsEvaluated },
            { header: 'Compliant', cell: (report) => report.compliantDesigns },
            { header: 'Violations', cell: (report) => report.violations.totalCount },
          ]}
        />
      </Section>
      {ORDER.map((severity) => {
        const group = rows.filter((row) => row.policy.severity === severity);
        if (group.length === 0) return null;
        return (
          <Section key={severity} title={`${severity} (${group.length})`}>
            <DataTable
              label={`${severity} violations`}
              rows={group}
              columns={[
                { header: 'Organization', cell: (row) => row.organization.name },
                {
                  header: 'Design',
                  cell: ({ design, designRevision }) => (
                    <>
                      <Link to={`/designs/${design.id}`}>{design.name}</Link> ({design.workspace.name}, rev{' '}
                      {designRevision})
                    </>
                  ),
                },
                {
                  header: 'Policy',
                  cell: ({ policy }) => (
                    <>
                      {policy.name} {policy.enforcement === 'DENY' ? <Badge tone="deny">DENY</Badge> : null}
                    </>
                  ),
                },
                { header: 'Resource', cell: (row) => <code>{row.resource}</code> },
                { header: 'Message', cell: (row) => row.message },
              ]}
            />
          </Section>
        );
      })}
      {rows.length === 0 ? (
        <p className="muted">No violations: every evaluated design is compliant.</p>
      ) : null}
    </>
  );
}

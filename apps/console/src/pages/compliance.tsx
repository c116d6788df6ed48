import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { PolicySeverity } from '../gql/graphql';
import { canAudit, useMe } from '../me';
import { Link } from '../router';
import { Badge, ErrorMessage, Loading, Reason, Section, Table } from '../ui';

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
          resource
          message
          designRevision
          policy {
            name
            severity
            enforcement
          }
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
  const [{ data, error, fetching }] = useQuery({
    query: ComplianceQuery,
    variables: { ids },
    pause: ids.length === 0,
  });
  if (ids.length === 0) return <Reason>The compliance report is for OWNER, ADMIN and AUDITOR roles.</Reason>;
  if (!data) return fetching ? <Loading what="the compliance report" /> : <ErrorMessage error={error} />;
  const rows = data.complianceReport.flatMap((report) =>
    report.violations.nodes.map((violation) => ({ ...violation, organization: report.organization })),
  );
  return (
    <>
      <h1>Compliance across {data.complianceReport.length} organization(s)</h1>
      <Section title="Organizations">
        <Table label="Compliance summary">
          <thead>
            <tr>
              <th scope="col">Organization</th>
              <th scope="col">Policies</th>
              <th scope="col">Designs evaluated</th>
              <th scope="col">Compliant</th>
              <th scope="col">Violations</th>
            </tr>
          </thead>
          <tbody>
            {data.complianceReport.map((report) => (
              <tr key={report.organization.id}>
                <td>{report.organization.name}</td>
                <td>{report.policies}</td>
                <td>{report.designsEvaluated}</td>
                <td>{report.compliantDesigns}</td>
                <td>{report.violations.totalCount}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Section>
      {ORDER.map((severity) => {
        const group = rows.filter((row) => row.policy.severity === severity);
        if (group.length === 0) return null;
        return (
          <Section key={severity} title={`${severity} (${group.length})`}>
            <Table label={`${severity} violations`}>
              <thead>
                <tr>
                  <th scope="col">Organization</th>
                  <th scope="col">Design</th>
                  <th scope="col">Policy</th>
                  <th scope="col">Resource</th>
                  <th scope="col">Message</th>
                </tr>
              </thead>
              <tbody>
                {group.map((row, index) => (
                  <tr key={index}>
                    <td>{row.organization.name}</td>
                    <td>
                      <Link to={`/designs/${row.design.id}`}>{row.design.name}</Link> (
                      {row.design.workspace.name}, rev {row.designRevision})
                    </td>
                    <td>
                      {row.policy.name}{' '}
                      {row.policy.enforcement === 'DENY' ? <Badge tone="deny">DENY</Badge> : null}
                    </td>
                    <td>
                      <code>{row.resource}</code>
                    </td>
                    <td>{row.message}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </Section>
        );
      })}
      {rows.length === 0 ? (
        <p className="muted">No violations: every evaluated design is compliant.</p>
      ) : null}
    </>
  );
}

import { useEffect } from 'react';
import { usePageQuery } from '../actions';
import { graphql } from '../gql';
import { Link } from '../router';
import { Badge, DataTable, Section, formatTime } from '../ui';

const DeploymentQuery = graphql(`
  query DeploymentPage($id: ID!) {
    deployment(id: $id) {
      id
      action
      dryRun
      status
      designRevision
      createdAt
      startedAt
      finishedAt
      createdBy {
        displayName
      }
      design {
        id
        name
      }
      environment {
        id
        name
      }
      targets {
        status
        message
        resources
        commit
        connection {
          id
          name
          kind
        }
      }
    }
  }
`);

const POLL_MS = 1500;

/** A deployment's status per target, polled until it is finished. */
export function DeploymentPage({ deploymentId }: { deploymentId: string }) {
  const page = usePageQuery(DeploymentQuery, { id: deploymentId }, 'the deployment');
  const { reload } = page;
  const deployment = page.data?.deployment;
  const finished = deployment?.status === 'SUCCEEDED' || deployment?.status === 'FAILED';
  useEffect(() => {
    if (!deployment || finished) return undefined;
    const timer = setInterval(reload, POLL_MS);
    return () => clearInterval(timer);
  }, [deployment, finished, reload]);
  if (!deployment) return page.placeholder;
  return (
    <>
      <p className="crumbs">
        {deployment.design ? (
          <Link to={`/designs/${deployment.design.id}`}>{deployment.design.name}</Link>
        ) : (
          'Deleted design'
        )}{' '}
        /
      </p>
      <h1>
        {deployment.dryRun ? 'Dry run' : deployment.action === 'DELETE' ? 'Undeploy' : 'Deployment'} to{' '}
        {deployment.environment.name}
      </h1>
      <p aria-live="polite">
        Status: <Badge tone={deployment.status.toLowerCase()}>{deployment.status}</Badge>
        {finished ? '' : ' (refreshing…)'}
      </p>
      <p className="muted">
        Revision {deployment.designRevision} · requested {formatTime(deployment.createdAt)} by{' '}
        {deployment.createdBy?.displayName ?? 'unknown'} · finished {formatTime(deployment.finishedAt)}
      </p>
      <Section title="Targets">
        {deployment.targets.length === 0 ? (
          <p className="muted">No deployable connection (KUBERNETES or GIT) in this environment.</p>
        ) : (
          <DataTable
            label="Targets"
            rows={deployment.targets}
            rowKey={(target) => target.connection.id}
            columns={[
              {
                header: 'Connection',
                cell: ({ connection }) => (
                  <>
                    {connection.name} <Badge>{connection.kind}</Badge>
                  </>
                ),
              },
              {
                header: 'Status',
                cell: (target) => <Badge tone={target.status.toLowerCase()}>{target.status}</Badge>,
              },
              {
                header: 'Message',
                cell: (target) => (
                  <>
                    {target.message ?? '—'}
                    {target.commit ? (
                      <>
                        {' '}
                        commit <code>{target.commit.slice(0, 10)}</code>
                      </>
                    ) : null}
                  </>
                ),
              },
              { header: 'Resources', cell: (target) => target.resources.join(', ') || '—' },
            ]}
          />
        )}
      </Section>
    </>
  );
}

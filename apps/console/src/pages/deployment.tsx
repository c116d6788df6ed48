import { useEffect } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Link } from '../router';
import { Badge, ErrorMessage, Loading, Section, Table, formatTime } from '../ui';

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
  const [{ data, error, fetching }, refresh] = useQuery({
    query: DeploymentQuery,
    variables: { id: deploymentId },
  });
  const deployment = data?.deployment;
  const finished = deployment?.status === 'SUCCEEDED' || deployment?.status === 'FAILED';
  useEffect(() => {
    if (!deployment || finished) return undefined;
    const timer = setInterval(() => refresh({ requestPolicy: 'network-only' }), POLL_MS);
    return () => clearInterval(timer);
  }, [deployment, finished, refresh]);
  if (!deployment) return fetching ? <Loading what="the deployment" /> : <ErrorMessage error={error} />;
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
          <Table label="Targets">
            <thead>
              <tr>
                <th scope="col">Connection</th>
                <th scope="col">Status</th>
                <th scope="col">Message</th>
                <th scope="col">Resources</th>
              </tr>
            </thead>
            <tbody>
              {deployment.targets.map((target) => (
                <tr key={target.connection.id}>
                  <td>
                    {target.connection.name} <Badge>{target.connection.kind}</Badge>
                  </td>
                  <td>
                    <Badge tone={target.status.toLowerCase()}>{target.status}</Badge>
                  </td>
                  <td>
                    {target.message ?? '—'}
                    {target.commit ? (
                      <>
                        {' '}
                        commit <code>{target.commit.slice(0, 10)}</code>
                      </>
                    ) : null}
                  </td>
                  <td>{target.resources.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Section>
    </>
  );
}

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { Link, navigate } from '../router';
import { Badge, Button, ErrorMessage, Field, Reason, Section, Table, formatTime } from '../ui';

const DesignDeploymentsQuery = graphql(`
  query DesignDeployments($id: ID!) {
    design(id: $id) {
      id
      deployments(first: 20) {
        totalCount
        nodes {
          id
          action
          dryRun
          status
          designRevision
          createdAt
          createdBy {
            displayName
          }
          environment {
            id
            name
          }
        }
      }
    }
  }
`);
const DeployMutation = graphql(`
  mutation DeployDesign($input: DeployDesignInput!) {
    deployDesign(input: $input) {
      id
    }
  }
`);
const UndeployMutation = graphql(`
  mutation UndeployDesign($designId: ID!, $environmentId: ID!) {
    undeployDesign(designId: $designId, environmentId: $environmentId) {
      id
    }
  }
`);

type DesignForDeploy = {
  id: string;
  revision: number;
  workspace: { environments: Array<{ id: string; name: string }> };
  violations: Array<{ policy: { enforcement: string } }>;
};

export function DeploySection({ design, editor }: { design: DesignForDeploy; editor: boolean }) {
  const [{ data, error }] = useQuery({ query: DesignDeploymentsQuery, variables: { id: design.id } });
  const [environmentId, setEnvironmentId] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const [deployState, deploy] = useMutation(DeployMutation);
  const [undeployState, undeploy] = useMutation(UndeployMutation);
  const environments = design.workspace.environments;
  const chosen = environmentId || environments[0]?.id || '';
  const denied = design.violations.filter((v) => v.policy.enforcement === 'DENY').length;

  return (
    <Section title="Deployments">
      {editor && environments.length > 0 ? (
        <div className="inline-form">
          <Field label="Environment">
            {(p) => (
              <select {...p} value={chosen} onChange={(e) => setEnvironmentId(e.target.value)}>
                {environments.map((environment) => (
                  <option key={environment.id} value={environment.id}>
                    {environment.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <label className="check">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run
            (plan only)
          </label>
          <Button
            disabled={deployState.fetching}
            onClick={() =>
              void deploy({ input: { designId: design.id, environmentId: chosen, dryRun } }).then(
                (result) => {
                  if (result.data) navigate(`/deployments/${result.data.deployDesign.id}`);
                },
              )
            }
          >
            {dryRun ? 'Dry run' : `Deploy revision ${design.revision}`}
          </Button>
          <Button
            variant="danger"
            disabled={undeployState.fetching}
            onClick={() =>
              void undeploy({ designId: design.id, environmentId: chosen }).then((result) => {
                if (result.data) navigate(`/deployments/${result.data.undeployDesign.id}`);
              })
            }
          >
            Undeploy
          </Button>
        </div>
      ) : null}
      {editor && denied > 0 ? (
        <Reason>
          {denied} violation(s) of DENY policies: a deploy is refused until they are fixed (a dry run shows
          the plan).
        </Reason>
      ) : null}
      {editor && environments.length === 0 ? (
        <Reason>No environment is attached to this workspace; a workspace ADMIN attaches one.</Reason>
      ) : null}
      {!editor ? (
        <Reason>Deploying needs the EDITOR role on this workspace (AUDITOR never deploys).</Reason>
      ) : null}
      <ErrorMessage error={deployState.error ?? undeployState.error ?? error} />
      <Table label="Deployment history">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Environment</th>
            <th scope="col">Action</th>
            <th scope="col">Revision</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {(data?.design?.deployments.nodes ?? []).map((deployment) => (
            <tr key={deployment.id}>
              <td>
                <Link to={`/deployments/${deployment.id}`}>{formatTime(deployment.createdAt)}</Link>
              </td>
              <td>{deployment.environment.name}</td>
              <td>
                {deployment.action}
                {deployment.dryRun ? ' (dry run)' : ''}
              </td>
              <td>{deployment.designRevision}</td>
              <td>
                <Badge tone={deployment.status.toLowerCase()}>{deployment.status}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Section>
  );
}

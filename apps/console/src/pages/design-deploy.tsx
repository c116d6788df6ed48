import { useState } from 'react';
import { useQuery } from 'urql';
import { useAction } from '../actions';
import { graphql } from '../gql';
import { Link, navigate } from '../router';
import { Badge, Button, DataTable, ErrorMessage, Reason, Section, formatTime } from '../ui';
import { SelectField } from '../forms';

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
  const deploy = useAction(DeployMutation, { onDone: (d) => navigate(`/deployments/${d.deployDesign.id}`) });
  const undeploy = useAction(UndeployMutation, {
    onDone: (d) => navigate(`/deployments/${d.undeployDesign.id}`),
  });
  const environments = design.workspace.environments;
  const chosen = environmentId || environments[0]?.id || '';
  const denied = design.violations.filter((v) => v.policy.enforcement === 'DENY').length;

  return (
    <Section title="Deployments">
      {editor && environments.length > 0 ? (
        <div className="inline-form">
          <SelectField
            label="Environment"
            options={environments.map((environment) => ({ value: environment.id, label: environment.name }))}
            value={chosen}
            onChange={setEnvironmentId}
          />
          <label className="check">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run
            (plan only)
          </label>
          <Button
            disabled={deploy.fetching}
            onClick={() => void deploy.run({ input: { designId: design.id, environmentId: chosen, dryRun } })}
          >
            {dryRun ? 'Dry run' : `Deploy revision ${design.revision}`}
          </Button>
          <Button
            variant="danger"
            disabled={undeploy.fetching}
            onClick={() => void undeploy.run({ designId: design.id, environmentId: chosen })}
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
      <ErrorMessage error={deploy.error ?? undeploy.error ?? error} />
      <DataTable
        label="Deployment history"
        rows={data?.design?.deployments.nodes ?? []}
        columns={[
          {
            header: 'When',
            cell: (deployment) => (
              <Link to={`/deployments/${deployment.id}`}>{formatTime(deployment.createdAt)}</Link>
            ),
          },
          { header: 'Environment', cell: (deployment) => deployment.environment.name },
          {
            header: 'Action',
            cell: (deployment) => `${deployment.action}${deployment.dryRun ? ' (dry run)' : ''}`,
          },
          { header: 'Revision', cell: (deployment) => deployment.designRevision },
          {
            header: 'Status',
            cell: (deployment) => <Badge tone={deployment.status.toLowerCase()}>{deployment.status}</Badge>,
          },
        ]}
      />
    </Section>
  );
}

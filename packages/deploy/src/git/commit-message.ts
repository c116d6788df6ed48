/** What a commit records about the deployment it carries. */
export type GitChange = {
  environment: string;
  design: string;
  revision: number;
  deploymentId: string;
  /** Who deployed: shown in the commit message (the commit's author is the control plane). */
  actor: string;
};

/**
 * `Deploy design "web" revision 7 to production`, then one `Key: value` trailer per fact, so
 * `git log --grep "Deployment: <id>"` finds the commit of a deployment. Line breaks in names are
 * flattened so a name cannot forge trailers.
 */
export function commitMessage(action: 'deploy' | 'undeploy', change: GitChange): string {
  const design = oneLine(change.design);
  const environment = oneLine(change.environment);
  const subject =
    action === 'deploy'
      ? `Deploy design "${design}" revision ${change.revision} to ${environment}`
      : `Undeploy design "${design}" from ${environment}`;
  return [
    subject,
    '',
    `Deployment: ${oneLine(change.deploymentId)}`,
    `Design: ${design}`,
    `Revision: ${change.revision}`,
    `Environment: ${environment}`,
    `Actor: ${oneLine(change.actor)}`,
    '',
  ].join('\n');
}

function oneLine(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

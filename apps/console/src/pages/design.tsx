import { useEffect, useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { errorCodes } from '../errors';
import { graphql } from '../gql';
import { hasWorkspaceRole } from '../me';
import { Link } from '../router';
import { Badge, Button, ErrorMessage, Field, Loading, Notice, Reason, Section } from '../ui';
import { DeleteDesignSection } from './design-delete';
import { DeploySection } from './design-deploy';
import { DesignHistory } from './design-history';
import { PublishSection } from './design-publish';

/** A policy violation as the design page and the compliance report show it. */
export const ViolationFieldsFragment = graphql(`
  fragment ViolationFields on PolicyViolation {
    resource
    message
    designRevision
    policy {
      id
      name
      severity
      enforcement
    }
  }
`);
export const DesignQuery = graphql(`
  query DesignPage($id: ID!) {
    design(id: $id) {
      id
      name
      description
      content
      revision
      updatedAt
      updatedBy {
        displayName
      }
      workspace {
        id
        name
        viewerRole
        organization {
          id
          name
        }
        environments {
          id
          name
        }
      }
      clonedFrom {
        version
        item {
          id
          name
        }
      }
      violations {
        ...ViolationFields
      }
    }
  }
`);
const UpdateDesignMutation = graphql(`
  mutation UpdateDesign($id: ID!, $input: UpdateDesignInput!, $expectedRevision: Int!) {
    updateDesign(id: $id, input: $input, expectedRevision: $expectedRevision) {
      id
      revision
      content
    }
  }
`);

type Theirs = { revision: number; content: string; by: string | null };

export function DesignPage({ designId }: { designId: string }) {
  const client = useClient();
  const [{ data, error, fetching }, refresh] = useQuery({ query: DesignQuery, variables: { id: designId } });
  const reload = () => refresh({ requestPolicy: 'network-only' });
  const design = data?.design;
  const [draft, setDraft] = useState<string | null>(null);
  const [baseRevision, setBaseRevision] = useState<number | null>(null);
  const [theirs, setTheirs] = useState<Theirs | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [saveState, save] = useMutation(UpdateDesignMutation);

  // The editor starts from the loaded revision; later loads do not overwrite an edit in progress.
  useEffect(() => {
    if (design && baseRevision === null) {
      setDraft(design.content);
      setBaseRevision(design.revision);
    }
  }, [design, baseRevision]);

  if (!design) return fetching ? <Loading what="the design" /> : <ErrorMessage error={error} />;
  const editor = hasWorkspaceRole(design.workspace.viewerRole, 'EDITOR');
  const text = draft ?? design.content;
  const conflict = errorCodes(saveState.error).includes('CONFLICT');

  const submit = async () => {
    setSaved(null);
    const result = await save({
      id: designId,
      input: { content: text },
      expectedRevision: baseRevision ?? design.revision,
    });
    if (result.data) {
      setBaseRevision(result.data.updateDesign.revision);
      setTheirs(null);
      setSaved(result.data.updateDesign.revision);
      reload();
    } else if (errorCodes(result.error).includes('CONFLICT')) {
      const fresh = await client
        .query(DesignQuery, { id: designId }, { requestPolicy: 'network-only' })
        .toPromise();
      const current = fresh.data?.design;
      if (current)
        setTheirs({
          revision: current.revision,
          content: current.content,
          by: current.updatedBy?.displayName ?? null,
        });
    }
  };
  const validation = saveState.error && !conflict ? saveState.error : null;

  return (
    <>
      <p className="crumbs">
        <Link to={`/orgs/${design.workspace.organization.id}/workspaces`}>
          {design.workspace.organization.name}
        </Link>{' '}
        / <Link to={`/workspaces/${design.workspace.id}`}>{design.workspace.name}</Link> /
      </p>
      <h1>{design.name}</h1>
      <p className="muted">
        Revision {design.revision} · your role <Badge>{design.workspace.viewerRole}</Badge>
        {design.clonedFrom ? (
          <>
            {' '}
            · cloned from{' '}
            <Link to={`/catalog/${design.clonedFrom.item.id}`}>
              {design.clonedFrom.item.name} {design.clonedFrom.version}
            </Link>
          </>
        ) : null}
      </p>
      <div className="split">
        <Section title="Document">
          {theirs ? (
            <div className="alert alert-warning" role="alert">
              <p>
                <strong>Someone changed this design</strong>
                {theirs.by ? ` (${theirs.by})` : ''} while you were editing: it is now at revision{' '}
                {theirs.revision}. Here is their version; your text is still in the editor.
              </p>
              <pre className="code" aria-label="Their version" tabIndex={0}>
                {theirs.content}
              </pre>
              <div className="row">
                <Button
                  onClick={() => {
                    setDraft(theirs.content);
                    setBaseRevision(theirs.revision);
                    setTheirs(null);
                    reload();
                  }}
                >
                  Use their version
                </Button>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setBaseRevision(theirs.revision);
                    setTheirs(null);
                    reload();
                  }}
                >
                  Keep my text on top of theirs
                </Button>
              </div>
            </div>
          ) : null}
          <Field
            label="Design content (YAML or JSON)"
            hint={editor ? `Editing from revision ${baseRevision ?? design.revision}.` : undefined}
            error={validation ? validationMessage(validation.message) : null}
          >
            {(p) => (
              <textarea
                {...p}
                className="editor"
                spellCheck={false}
                rows={22}
                readOnly={!editor}
                value={text}
                onChange={(e) => setDraft(e.target.value)}
              />
            )}
          </Field>
          {validation ? <ErrorMessage error={validation} /> : null}
          {saved !== null ? <Notice tone="success">Saved as revision {saved}.</Notice> : null}
          {editor ? (
            <Button
              disabled={saveState.fetching || theirs !== null || text === design.content}
              onClick={() => void submit()}
            >
              Save
            </Button>
          ) : (
            <Reason>Read only: editing needs the EDITOR role on this workspace.</Reason>
          )}
        </Section>
        <Section title={`Policy violations (${design.violations.length})`}>
          {design.violations.length === 0 ? (
            <p className="muted">The current revision violates no policy of the organization.</p>
          ) : (
            <ul className="list" aria-label="Violations">
              {design.violations.map((violation, index) => (
                <li key={index} className="violation">
                  <Badge tone={violation.policy.severity.toLowerCase()}>{violation.policy.severity}</Badge>{' '}
                  {violation.policy.enforcement === 'DENY' ? (
                    <Badge tone="deny">DENY: blocks deploys</Badge>
                  ) : null}
                  <p>
                    <strong>{violation.policy.name}</strong> on <code>{violation.resource}</code>
                  </p>
                  <p>{violation.message}</p>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      <DesignHistory key={design.revision} designId={designId} />
      <DeploySection design={design} editor={editor} />
      <PublishSection design={design} editor={editor} />
      <DeleteDesignSection design={design} editor={editor} />
    </>
  );
}

function validationMessage(message: string): string {
  return message.replace(/^\[[^\]]+\]\s*/, '');
}

import { useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { navigate } from '../router';
import { Button, ErrorMessage, Notice, Section } from '../ui';

const DeleteDesignMutation = graphql(`
  mutation DeleteDesign($id: ID!) {
    deleteDesign(id: $id)
  }
`);

type DesignForDelete = { id: string; name: string; workspace: { id: string } };

/** Deleting a design, for its workspace's EDITORs, after a second click that says what is lost. */
export function DeleteDesignSection({ design, editor }: { design: DesignForDelete; editor: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [state, remove] = useMutation(DeleteDesignMutation);
  if (!editor) return null;
  const confirm = () =>
    // The answer is a Boolean: name the type so cached lists of designs are fetched again.
    void remove({ id: design.id }, { additionalTypenames: ['Design'] }).then((result) => {
      if (result.data?.deleteDesign) navigate(`/workspaces/${design.workspace.id}`);
    });
  return (
    <Section title="Delete">
      {confirming ? (
        <Notice tone="warning">
          <p>
            Delete {design.name} and its revision history? Its deployments stay recorded, and what was
            deployed stays on the targets (undeploy first to remove it).
          </p>
          <div className="row">
            <Button variant="danger" disabled={state.fetching} onClick={confirm}>
              Yes, delete {design.name}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </div>
        </Notice>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete design
        </Button>
      )}
      <ErrorMessage error={state.error} />
    </Section>
  );
}

import { ConfirmButton, useAction } from '../actions';
import { graphql } from '../gql';
import { navigate } from '../router';
import { Section } from '../ui';

const DeleteDesignMutation = graphql(`
  mutation DeleteDesign($id: ID!) {
    deleteDesign(id: $id)
  }
`);

type DesignForDelete = { id: string; name: string; workspace: { id: string } };

/** Deleting a design, for its workspace's EDITORs, after a second click that says what is lost. */
export function DeleteDesignSection({ design, editor }: { design: DesignForDelete; editor: boolean }) {
  // The answer is a Boolean: name the type so cached lists of designs are fetched again.
  const remove = useAction(DeleteDesignMutation, {
    typenames: ['Design'],
    onDone: () => navigate(`/workspaces/${design.workspace.id}`),
  });
  if (!editor) return null;
  return (
    <Section title="Delete">
      <ConfirmButton
        label="Delete design"
        question={`Delete ${design.name} and its revision history? Its deployments stay recorded, and what was deployed stays on the targets (undeploy first to remove it).`}
        confirmLabel={`Yes, delete ${design.name}`}
        action={remove}
        variables={{ id: design.id }}
      />
    </Section>
  );
}

import type { ActionState } from './actions';
import { ActionForm, TextField, useFields } from './forms';

export type Details = { name: string; description: string };

/**
 * Rename or describe an organization, workspace, environment or team: the same two fields behind
 * an "Edit" disclosure, labelled with the current name so several on one page stay distinct.
 */
export function EditDetails({
  current,
  action,
  save,
}: {
  current: { name: string; description?: string | null };
  action: ActionState;
  save(details: Details): Promise<boolean>;
}) {
  const { values, set } = useFields({ name: current.name, description: current.description ?? '' });
  return (
    <details className="edit">
      <summary>Edit {current.name}</summary>
      <ActionForm action={action} submitLabel="Save changes" onSubmit={() => save(values)}>
        <TextField
          label={`Name of ${current.name}`}
          apiField="name"
          required
          maxLength={100}
          value={values.name}
          onChange={set('name')}
        />
        <TextField
          label={`Description of ${current.name}`}
          apiField="description"
          value={values.description}
          onChange={set('description')}
        />
      </ActionForm>
    </details>
  );
}

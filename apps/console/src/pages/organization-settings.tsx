import { useAction, ConfirmButton } from '../actions';
import { EditDetails } from '../edit-details';
import { graphql } from '../gql';
import type { OrgRole } from '../gql/graphql';
import { canAdminister, useMe } from '../me';
import { navigate } from '../router';
import { Reason, Section } from '../ui';

const UpdateOrganizationMutation = graphql(`
  mutation UpdateOrganization($id: ID!, $input: UpdateOrganizationInput!) {
    updateOrganization(id: $id, input: $input) {
      id
      name
      description
    }
  }
`);
const DeleteOrganizationMutation = graphql(`
  mutation DeleteOrganization($id: ID!) {
    deleteOrganization(id: $id)
  }
`);
const LeaveOrganizationMutation = graphql(`
  mutation LeaveOrganization($organizationId: ID!) {
    leaveOrganization(organizationId: $organizationId)
  }
`);

type OrganizationForSettings = { id: string; name: string; description?: string | null };

/**
 * Rename (OWNER, ADMIN), delete (OWNER) and leave (any member but the last OWNER). Deleting or
 * leaving refreshes the organization switcher and opens the next organization.
 */
export function OrganizationSettings(props: {
  organization: OrganizationForSettings;
  role: OrgRole | null;
  owners: number;
}) {
  const { organization, role } = props;
  const { me, refreshMe } = useMe();
  /** After deleting or leaving: the next organization of the user, or a new one. */
  const gone = () => {
    const next = me.organizations.find((m) => m.organization.id !== organization.id)?.organization;
    refreshMe();
    navigate(next ? `/orgs/${next.id}/workspaces` : '/orgs/new');
  };
  const update = useAction(UpdateOrganizationMutation, { onDone: refreshMe });
  const remove = useAction(DeleteOrganizationMutation, { onDone: gone });
  const leave = useAction(LeaveOrganizationMutation, { onDone: gone });
  const lastOwner = role === 'OWNER' && props.owners === 1;
  return (
    <Section title="Organization settings">
      {canAdminister(role) ? (
        <EditDetails
          current={organization}
          action={update}
          save={(input) => update.run({ id: organization.id, input })}
        />
      ) : (
        <Reason>Only an OWNER or ADMIN renames or describes the organization.</Reason>
      )}
      {role === 'OWNER' ? (
        <ConfirmButton
          label="Delete organization"
          question={`Delete ${organization.name}? Its workspaces, designs and catalog items go with it, and its public catalog items are withdrawn; existing clones elsewhere keep working.`}
          confirmLabel={`Yes, delete ${organization.name}`}
          action={remove}
          variables={{ id: organization.id }}
        />
      ) : (
        <Reason>Only an OWNER deletes the organization.</Reason>
      )}
      {lastOwner ? (
        <Reason>You are the last OWNER: make another member OWNER before you leave.</Reason>
      ) : (
        <ConfirmButton
          label="Leave organization"
          question={`Leave ${organization.name}? You lose access to it until someone invites you again.`}
          confirmLabel={`Yes, leave ${organization.name}`}
          action={leave}
          variables={{ organizationId: organization.id }}
        />
      )}
    </Section>
  );
}

import { useState } from 'react';
import { ConfirmButton, useAction } from '../actions';
import { EditDetails } from '../edit-details';
import { ActionForm, PickForm, SelectField, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import type { OrgRole, TeamRole } from '../gql/graphql';
import { canAdminister, useMe } from '../me';
import { Badge, ErrorMessage, Reason, Section } from '../ui';

const CreateTeamMutation = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
    }
  }
`);
const UpdateTeamMutation = graphql(`
  mutation UpdateTeam($id: ID!, $input: UpdateTeamInput!) {
    updateTeam(id: $id, input: $input) {
      id
      name
      description
    }
  }
`);
const DeleteTeamMutation = graphql(`
  mutation DeleteTeam($id: ID!) {
    deleteTeam(id: $id)
  }
`);
const AddTeamMemberMutation = graphql(`
  mutation AddTeamMember($teamId: ID!, $userId: ID!, $role: TeamRole) {
    addTeamMember(teamId: $teamId, userId: $userId, role: $role) {
      role
    }
  }
`);
const RemoveTeamMemberMutation = graphql(`
  mutation RemoveTeamMember($teamId: ID!, $userId: ID!) {
    removeTeamMember(teamId: $teamId, userId: $userId)
  }
`);

type Team = {
  id: string;
  name: string;
  description?: string | null;
  members: Array<{ role: TeamRole; user: { id: string; displayName: string } }>;
};
type Person = { id: string; displayName: string };
const TEAM_ROLES: TeamRole[] = ['MEMBER', 'MAINTAINER'];

export function TeamsSection(props: {
  organizationId: string;
  role: OrgRole | null;
  teams: Team[];
  members: Person[];
  onChange(): void;
}) {
  const admin = canAdminister(props.role);
  const { values, field, reset } = useFields({ name: '' });
  const create = useAction(CreateTeamMutation, {
    onDone: () => {
      reset();
      props.onChange();
    },
  });
  return (
    <Section title={`Teams (${props.teams.length})`}>
      <p className="hint">
        Teams are granted access to workspaces as VIEWER, EDITOR or ADMIN. A team&apos;s MAINTAINER manages
        its members.
      </p>
      <ul className="list">
        {props.teams.map((team) => (
          <li key={team.id} className="list-item">
            <TeamRow team={team} orgRole={props.role} members={props.members} onChange={props.onChange} />
          </li>
        ))}
        {props.teams.length === 0 ? <li className="muted">No teams yet.</li> : null}
      </ul>
      {admin ? (
        <ActionForm
          action={create}
          submitLabel="Create team"
          onSubmit={() => create.run({ input: { organizationId: props.organizationId, ...values } })}
        >
          <TextField label="New team name" apiField="name" required maxLength={100} {...field('name')} />
        </ActionForm>
      ) : (
        <Reason>Only an OWNER or ADMIN can create or delete teams.</Reason>
      )}
    </Section>
  );
}

/** One team: its members, and what this viewer may do with it (OWNER/ADMIN, or its MAINTAINER). */
function TeamRow(props: { team: Team; orgRole: OrgRole | null; members: Person[]; onChange(): void }) {
  const { me } = useMe();
  const { team } = props;
  const maintainer = team.members.some((m) => m.user.id === me.user.id && m.role === 'MAINTAINER');
  const admin = canAdminister(props.orgRole);
  const manage = admin || (maintainer && props.orgRole !== 'AUDITOR');
  const update = useAction(UpdateTeamMutation, { onDone: props.onChange });
  const remove = useAction(DeleteTeamMutation, { onDone: props.onChange, typenames: ['Team'] });
  const removeMember = useAction(RemoveTeamMemberMutation, { onDone: props.onChange });
  return (
    <div>
      <div className="row">
        <strong>{team.name}</strong>
        <span className="muted">
          {team.members.length} member(s){team.description ? ` · ${team.description}` : ''}
        </span>
      </div>
      <ul className="chips" aria-label={`Members of ${team.name}`}>
        {team.members.map((member) => (
          <li key={member.user.id}>
            {member.user.displayName} <Badge>{member.role}</Badge>
            {manage ? (
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${member.user.displayName} from ${team.name}`}
                onClick={() => void removeMember.run({ teamId: team.id, userId: member.user.id })}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <ErrorMessage error={removeMember.error} />
      {manage ? (
        <>
          <AddTeamMember team={team} members={props.members} onChange={props.onChange} />
          <EditDetails current={team} action={update} save={(input) => update.run({ id: team.id, input })} />
        </>
      ) : null}
      {admin ? (
        <ConfirmButton
          label={`Delete team ${team.name}`}
          question={`Delete the team ${team.name}? Its members stay in the organization; the workspace access granted to the team ends.`}
          confirmLabel={`Yes, delete ${team.name}`}
          action={remove}
          variables={{ id: team.id }}
        />
      ) : null}
    </div>
  );
}

/** Adds an organization member to the team, as MEMBER or MAINTAINER. */
function AddTeamMember(props: { team: Team; members: Person[]; onChange(): void }) {
  const { team } = props;
  const [role, setRole] = useState<TeamRole>('MEMBER');
  const add = useAction(AddTeamMemberMutation, { onDone: props.onChange });
  const candidates = props.members.filter((member) => !team.members.some((m) => m.user.id === member.id));
  if (candidates.length === 0) return null;
  return (
    <PickForm
      action={add}
      label={`Member to add to ${team.name}`}
      placeholder="Choose a member…"
      items={candidates.map((candidate) => ({ id: candidate.id, name: candidate.displayName }))}
      submitLabel="Add to team"
      onPick={(userId) => add.run({ teamId: team.id, userId, role })}
    >
      <SelectField
        label={`Team role in ${team.name}`}
        options={TEAM_ROLES}
        value={role}
        onChange={(value) => setRole(value)}
      />
    </PickForm>
  );
}

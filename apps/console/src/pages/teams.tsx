import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { OrgRole, TeamRole } from '../gql/graphql';
import { canAdminister, useMe } from '../me';
import { Badge, Button, ErrorMessage, Field, Reason, Section } from '../ui';

const CreateTeamMutation = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
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

export function TeamsSection(props: {
  organizationId: string;
  role: OrgRole | null;
  teams: Team[];
  members: Array<{ id: string; displayName: string }>;
  onChange(): void;
}) {
  const admin = canAdminister(props.role);
  const [name, setName] = useState('');
  const [createState, create] = useMutation(CreateTeamMutation);
  const [deleteState, remove] = useMutation(DeleteTeamMutation);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { organizationId: props.organizationId, name } });
    if (result.data) {
      setName('');
      props.onChange();
    }
  };
  return (
    <Section title={`Teams (${props.teams.length})`}>
      <p className="hint">Teams are granted access to workspaces as VIEWER, EDITOR or ADMIN.</p>
      <ErrorMessage error={deleteState.error} />
      <ul className="list">
        {props.teams.map((team) => (
          <li key={team.id} className="list-item">
            <TeamRow
              team={team}
              orgRole={props.role}
              members={props.members}
              onChange={props.onChange}
              onDelete={
                admin
                  ? () => {
                      if (confirm(`Delete the team ${team.name}?`))
                        void remove({ id: team.id }).then(props.onChange);
                    }
                  : undefined
              }
            />
          </li>
        ))}
        {props.teams.length === 0 ? <li className="muted">No teams yet.</li> : null}
      </ul>
      {admin ? (
        <form className="inline-form" onSubmit={(event) => void submit(event)}>
          <Field label="New team name">
            {(p) => (
              <input {...p} required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
            )}
          </Field>
          <Button type="submit" disabled={createState.fetching}>
            Create team
          </Button>
          <ErrorMessage error={createState.error} />
        </form>
      ) : (
        <Reason>Only an OWNER or ADMIN can create or delete teams.</Reason>
      )}
    </Section>
  );
}

function TeamRow(props: {
  team: Team;
  orgRole: OrgRole | null;
  members: Array<{ id: string; displayName: string }>;
  onChange(): void;
  onDelete: (() => void) | undefined;
}) {
  const { me } = useMe();
  const { team } = props;
  const maintainer = team.members.some((m) => m.user.id === me.user.id && m.role === 'MAINTAINER');
  const manage = canAdminister(props.orgRole) || (maintainer && props.orgRole !== 'AUDITOR');
  const [userId, setUserId] = useState('');
  const [addState, add] = useMutation(AddTeamMemberMutation);
  const [removeState, removeMember] = useMutation(RemoveTeamMemberMutation);
  const candidates = props.members.filter((member) => !team.members.some((m) => m.user.id === member.id));
  return (
    <div>
      <div className="row">
        <strong>{team.name}</strong>
        <span className="muted">{team.members.length} member(s)</span>
        {props.onDelete ? (
          <Button variant="danger" onClick={props.onDelete}>
            Delete team
          </Button>
        ) : null}
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
                onClick={() =>
                  void removeMember({ teamId: team.id, userId: member.user.id }).then(props.onChange)
                }
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {manage && candidates.length > 0 ? (
        <div className="inline-form">
          <label>
            <span className="visually-hidden">Member to add to {team.name}</span>
            <select
              aria-label={`Member to add to ${team.name}`}
              value={userId}
              onChange={(e) => setUserId(e.target.value)}
            >
              <option value="">Choose a member…</option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.displayName}
                </option>
              ))}
            </select>
          </label>
          <Button
            variant="secondary"
            disabled={userId === '' || addState.fetching}
            onClick={() =>
              void add({ teamId: team.id, userId, role: 'MEMBER' }).then(() => {
                setUserId('');
                props.onChange();
              })
            }
          >
            Add to team
          </Button>
        </div>
      ) : null}
      <ErrorMessage error={addState.error ?? removeState.error} />
    </div>
  );
}

import { useMutation } from 'urql';
import { graphql } from '../gql';
import { useMe } from '../me';
import { navigate, useLocation } from '../router';
import { Button, ErrorMessage, Notice } from '../ui';

const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      role
      organization {
        id
        name
      }
    }
  }
`);

/** Opened from an invitation link: /invitations/accept?token=… (sign in first with the invited email). */
export function AcceptInvitationPage() {
  const { search } = useLocation();
  const { me, refreshMe } = useMe();
  const token = search.get('token') ?? '';
  const [state, accept] = useMutation(AcceptInvitationMutation);
  return (
    <section className="card narrow" aria-labelledby="accept">
      <h1 id="accept">Accept an invitation</h1>
      <p>
        You are signed in as <strong>{me.user.email}</strong>. The invitation must be addressed to this email.
      </p>
      {token === '' ? <Notice tone="warning">This link carries no invitation token.</Notice> : null}
      <ErrorMessage error={state.error} />
      <Button
        disabled={token === '' || state.fetching}
        onClick={() => {
          void accept({ token }).then((result) => {
            if (result.data) {
              refreshMe();
              navigate(`/orgs/${result.data.acceptInvitation.organization.id}`);
            }
          });
        }}
      >
        Join the organization
      </Button>
    </section>
  );
}

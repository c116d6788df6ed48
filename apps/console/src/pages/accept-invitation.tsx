import { useAction } from '../actions';
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
  const accept = useAction(AcceptInvitationMutation, {
    onDone: (data) => {
      refreshMe();
      navigate(`/orgs/${data.acceptInvitation.organization.id}`);
    },
  });
  return (
    <section className="card narrow" aria-labelledby="accept">
      <h1 id="accept">Accept an invitation</h1>
      <p>
        You are signed in as <strong>{me.user.email}</strong>. The invitation must be addressed to this email.
      </p>
      {token === '' ? <Notice tone="warning">This link carries no invitation token.</Notice> : null}
      <ErrorMessage error={accept.error} />
      <Button disabled={token === '' || accept.fetching} onClick={() => void accept.run({ token })}>
        Join the organization
      </Button>
    </section>
  );
}

import { useAction } from '../actions';
import { ActionForm, TextField, useFields } from '../forms';
import { graphql } from '../gql';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';

const LogInMutation = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      token
    }
  }
`);

const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      token
    }
  }
`);

/** Sign in, or create an account; the path (/signin or /signup) says which form shows first. */
export function SignInPage() {
  const { path } = useLocation();
  const session = useSession();
  const signingUp = path === '/signup';
  const { values, field } = useFields({ email: '', password: '', displayName: '' });
  const logIn = useAction(LogInMutation, { onDone: (data) => session.signIn(data.logIn.token) });
  const signUp = useAction(SignUpMutation, { onDone: (data) => session.signIn(data.signUp.token) });
  const other = signingUp ? '/signin' : '/signup';

  return (
    <main className="centered" id="main">
      <section className="card auth-form" aria-labelledby="auth-title">
        <h1 id="auth-title">{signingUp ? 'Create your account' : 'Sign in to the control plane'}</h1>
        <ActionForm
          action={signingUp ? signUp : logIn}
          submitLabel={signingUp ? 'Create account' : 'Sign in'}
          layout="stack"
          onSubmit={() =>
            signingUp
              ? signUp.run({ input: values })
              : logIn.run({ email: values.email, password: values.password })
          }
        >
          {signingUp ? (
            <TextField
              label="Display name"
              apiField="displayName"
              required
              maxLength={100}
              autoComplete="name"
              {...field('displayName')}
            />
          ) : null}
          <TextField
            label="Email"
            apiField="email"
            type="email"
            required
            autoComplete="email"
            {...field('email')}
          />
          <TextField
            label="Password"
            apiField="password"
            hint={signingUp ? 'At least 10 characters.' : undefined}
            type="password"
            required
            minLength={signingUp ? 10 : undefined}
            autoComplete={signingUp ? 'new-password' : 'current-password'}
            {...field('password')}
          />
        </ActionForm>
        <p>
          {signingUp ? 'Already have an account? ' : 'New here? '}
          <a
            href={other}
            onClick={(event) => {
              event.preventDefault();
              navigate(`${other}${location.search}`);
            }}
          >
            {signingUp ? 'Sign in' : 'Create an account'}
          </a>
        </p>
        <p className="hint">
          Exploring the API by hand? <a href="/graphql">Open GraphiQL</a>.
        </p>
      </section>
    </main>
  );
}

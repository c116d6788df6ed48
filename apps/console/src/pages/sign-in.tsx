import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { navigate, useLocation } from '../router';
import { useSession } from '../session';
import { Button, ErrorMessage, Field } from '../ui';

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
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [logInState, logIn] = useMutation(LogInMutation);
  const [signUpState, signUp] = useMutation(SignUpMutation);
  const state = signingUp ? signUpState : logInState;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = signingUp
      ? await signUp({ input: { email, password, displayName } })
      : await logIn({ email, password });
    const token =
      result.data && ('signUp' in result.data ? result.data.signUp.token : result.data.logIn.token);
    if (token) session.signIn(token);
  };

  return (
    <main className="centered" id="main">
      <form className="card auth-form" onSubmit={(event) => void submit(event)} aria-labelledby="auth-title">
        <h1 id="auth-title">{signingUp ? 'Create your account' : 'Sign in to the control plane'}</h1>
        {signingUp ? (
          <Field label="Display name">
            {(props) => (
              <input
                {...props}
                required
                maxLength={100}
                autoComplete="name"
                value={displayName}
                onChange={(e) => setDisplayName(e.target.value)}
              />
            )}
          </Field>
        ) : null}
        <Field label="Email">
          {(props) => (
            <input
              {...props}
              type="email"
              required
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password" hint={signingUp ? 'At least 10 characters.' : undefined}>
          {(props) => (
            <input
              {...props}
              type="password"
              required
              minLength={signingUp ? 10 : undefined}
              autoComplete={signingUp ? 'new-password' : 'current-password'}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <ErrorMessage error={state.error} />
        <Button type="submit" disabled={state.fetching}>
          {signingUp ? 'Create account' : 'Sign in'}
        </Button>
        <p>
          {signingUp ? 'Already have an account? ' : 'New here? '}
          <a
            href={signingUp ? '/signin' : '/signup'}
            onClick={(event) => {
              event.preventDefault();
              navigate(`${signingUp ? '/signin' : '/signup'}${location.search}`);
            }}
          >
            {signingUp ? 'Sign in' : 'Create an account'}
          </a>
        </p>
        <p className="hint">
          Exploring the API by hand? <a href="/graphql">Open GraphiQL</a>.
        </p>
      </form>
    </main>
  );
}

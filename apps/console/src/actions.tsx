import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useCallback, useState, type ReactNode } from 'react';
import { useMutation, useQuery, type AnyVariables, type CombinedError, type UseQueryArgs } from 'urql';
import { Button, ErrorMessage, Loading } from './ui';

/** One mutation the page offers: run it, and read whether it is running and how it failed. */
export type Action<Variables, Data = unknown> = {
  run(variables: Variables): Promise<boolean>;
  /** The last successful answer. */
  data: Data | undefined;
  fetching: boolean;
  error: CombinedError | undefined;
};

/** What a form or a button shows of an action: whether it runs, and how it failed. */
export type ActionState = Pick<Action<never>, 'fetching' | 'error'>;

/**
 * A mutation as a page uses it: `run` resolves true when it succeeded (after `onDone`), false when
 * the API refused it; the refusal stays in `error` for `ErrorMessage`, which maps its code to a
 * plain message. Mutations that answer a Boolean name the types they change in `typenames`, so
 * cached lists of them are fetched again.
 */
export function useAction<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
  options: { onDone?(data: Data): void; typenames?: string[] } = {},
): Action<Variables, Data> {
  const [state, execute] = useMutation(document);
  return {
    data: state.data,
    fetching: state.fetching,
    error: state.error,
    run: async (variables) => {
      const additionalTypenames = options.typenames ?? [];
      const result = await execute(variables, { additionalTypenames });
      if (result.data === undefined || result.error) return false;
      options.onDone?.(result.data);
      return true;
    },
  };
}

/**
 * A page's query: its data, a `reload` that asks the network again, and what to show while
 * there is no data (loading, or the error in plain words).
 */
export function usePageQuery<Data, Variables extends AnyVariables>(
  query: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  what: string,
): { data: Data | undefined; reload(): void; placeholder: ReactNode } {
  const [{ data, error, fetching }, refresh] = useQuery({ query, variables } as UseQueryArgs<
    Variables,
    Data
  >);
  const reload = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  const placeholder = fetching ? <Loading what={what} /> : <ErrorMessage error={error} />;
  return { data, reload, placeholder };
}

/**
 * A destructive action behind a second click that says what happens: the first button opens the
 * question in place (no browser dialog), the second runs the action, "Keep it" closes it.
 */
export function ConfirmButton<Variables>({
  label,
  question,
  confirmLabel,
  action,
  variables,
}: {
  label: string;
  question: ReactNode;
  confirmLabel: string;
  action: Action<Variables>;
  variables: Variables;
}) {
  const [open, setOpen] = useState(false);
  return (
    <div className="confirm">
      {open ? (
        <div className="alert alert-warning">
          <p>{question}</p>
          <div className="row">
            <Button
              variant="danger"
              disabled={action.fetching}
              onClick={() => void action.run(variables).then((done) => done && setOpen(false))}
            >
              {confirmLabel}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Keep it
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="danger" onClick={() => setOpen(true)}>
          {label}
        </Button>
      )}
      <ErrorMessage error={action.error} />
    </div>
  );
}

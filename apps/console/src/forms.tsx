import { createContext, useContext, useState, type ReactNode } from 'react';
import type { CombinedError } from 'urql';
import type { ActionState } from './actions';
import { fieldProblem, type FieldProblem } from './errors';
import { Button, ErrorMessage, Field } from './ui';

/** The error of the action a form runs, so each field can show the API's problem with it. */
const FormErrorContext = createContext<CombinedError | undefined>(undefined);

function useFieldProblem(apiField: string | undefined): FieldProblem | null {
  const error = useContext(FormErrorContext);
  return apiField === undefined ? null : fieldProblem(error, apiField);
}

/** "line 1, column 12: reason" when the API gave a position, else the reason alone. */
export function describeProblem(problem: FieldProblem | null): string | null {
  if (problem === null) return null;
  const at = problem.line === null ? '' : `Line ${problem.line}, column ${problem.column ?? '?'}: `;
  return `${at}${problem.reason}`;
}

/**
 * A form's values in one state object, with a typed setter per key, a binding for field
 * components and a reset; `onChange` runs after every change (a filter goes back to page one).
 */
export function useFields<T extends Record<string, string>>(initial: T, onChange?: () => void) {
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof T>(key: K) =>
    (value: T[K]) => {
      setValues((current) => ({ ...current, [key]: value }));
      onChange?.();
    };
  /** `{...field('name')}` binds a field component to one value. */
  const field = <K extends keyof T>(key: K) => ({ value: values[key], onChange: set(key) });
  return { values, set, field, reset: () => setValues(initial) };
}

/**
 * A form that runs one action: its labelled fields, a submit button, and the API's refusal in
 * plain words under them (a BAD_USER_INPUT also next to the field it names, see `apiField`).
 */
export function ActionForm({
  action,
  onSubmit,
  submitLabel,
  layout = 'inline',
  children,
}: {
  action: ActionState;
  onSubmit(): unknown;
  submitLabel: string;
  layout?: 'inline' | 'stack';
  children: ReactNode;
}) {
  return (
    <form
      className={layout === 'inline' ? 'inline-form' : 'stack'}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <FormErrorContext.Provider value={action.error}>{children}</FormErrorContext.Provider>
      <Button type="submit" disabled={action.fetching}>
        {submitLabel}
      </Button>
      <ErrorMessage error={action.error} />
    </form>
  );
}

type FieldProps = { label: string; hint?: ReactNode; apiField?: string };
type InputProps = {
  value: string;
  onChange(value: string): void;
  required?: boolean;
  maxLength?: number;
  minLength?: number;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'datetime-local';
  pattern?: string;
  autoComplete?: string;
};

/** A labelled text input; a BAD_USER_INPUT naming `apiField` is shown under it. */
export function TextField({ label, hint, apiField, value, onChange, ...input }: FieldProps & InputProps) {
  const problem = describeProblem(useFieldProblem(apiField));
  return (
    <Field label={label} hint={hint} error={problem}>
      {(p) => <input {...p} {...input} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

/** A labelled textarea (code editors pass `code`); the API's problem, with its line and column, under it. */
export function TextAreaField({
  label,
  hint,
  apiField,
  value,
  onChange,
  rows,
  code = false,
  readOnly,
  required,
}: FieldProps & {
  value: string;
  onChange(value: string): void;
  rows: number;
  code?: boolean;
  readOnly?: boolean;
  required?: boolean;
}) {
  const problem = describeProblem(useFieldProblem(apiField));
  return (
    <Field label={label} hint={hint} error={problem}>
      {(p) => (
        <textarea
          {...p}
          className={code ? 'editor' : undefined}
          spellCheck={code ? false : undefined}
          autoComplete="off"
          rows={rows}
          readOnly={readOnly}
          required={required}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export type Option<T extends string> = T | { value: T; label: string };

/** A labelled select over a fixed list (strings, or values with labels; `placeholder` adds an empty first choice). */
export function SelectField<T extends string>({
  label,
  hint,
  value,
  onChange,
  options,
  placeholder,
  required,
}: FieldProps & {
  value: T | '';
  onChange(value: T): void;
  options: ReadonlyArray<Option<T>>;
  placeholder?: string;
  required?: boolean;
}) {
  return (
    <Field label={label} hint={hint}>
      {(p) => (
        <select {...p} required={required} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
          {options.map((option) =>
            typeof option === 'string' ? (
              <option key={option}>{option}</option>
            ) : (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ),
          )}
        </select>
      )}
    </Field>
  );
}

/**
 * A form that picks one item of a list and runs its action with it (attach, copy from, grant):
 * the choice starts empty and is required; `children` adds fields beside it (a role, say).
 */
export function PickForm({
  action,
  label,
  placeholder,
  items,
  submitLabel,
  onPick,
  children,
}: {
  action: ActionState;
  label: string;
  placeholder: string;
  items: ReadonlyArray<{ id: string; name: string }>;
  submitLabel: string;
  onPick(id: string): Promise<boolean>;
  children?: ReactNode;
}) {
  const [chosen, setChosen] = useState('');
  const pick = async () => {
    if (await onPick(chosen)) setChosen('');
  };
  return (
    <ActionForm action={action} submitLabel={submitLabel} onSubmit={pick}>
      <SelectField
        label={label}
        placeholder={placeholder}
        required
        options={items.map((item) => ({ value: item.id, label: item.name }))}
        value={chosen}
        onChange={setChosen}
      />
      {children}
    </ActionForm>
  );
}

/** Comma-separated text as a list of trimmed, non-empty strings ("a, b," -> ["a", "b"]). */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

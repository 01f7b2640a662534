// Small shared pieces: labelled fields with their error beside them, status lines.
import { useId, useState } from 'preact/hooks';

export function Field({ label, error, hint, children, ...input }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children ?? (
        <input id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? errorId : undefined} {...input} />
      )}
      {hint && !error && <small class="hint">{hint}</small>}
      {error && (
        <p class="error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function ErrorText({ error, testid }) {
  if (!error) return null;
  return (
    <p class="error" role="alert" data-testid={testid}>
      {error}
    </p>
  );
}

export function Loading({ what = 'Loading' }) {
  return (
    <p class="muted" role="status" aria-busy="true">
      {what}…
    </p>
  );
}

export function Empty({ children }) {
  return <p class="empty">{children}</p>;
}

export function formatTime(iso) {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

/**
 * A form's values, the errors shown beside its fields and the one for the whole form. `check`
 * shows what validation found (true when nothing); `fail` shows an API error beside the field
 * it names among `fields`, else for the whole form.
 */
export function useForm(initial, fields = Object.keys(initial)) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState({});
  const [formError, setFormError] = useState('');
  const set = (field) => (event) => setValues((old) => ({ ...old, [field]: event.currentTarget.value }));
  const check = (found) => {
    setErrors(found);
    setFormError('');
    return Object.keys(found).length === 0;
  };
  const fail = (error, reword = (message) => message) => {
    const { fieldErrors, formError: message } = splitError(error, fields);
    setErrors(fieldErrors);
    setFormError(reword(message));
  };
  return { values, set, errors, formError, setFormError, check, fail, reset: () => setValues(initial) };
}

/** An ApiError to {field: message} plus a message for the whole form when no field is named. */
function splitError(error, fields) {
  if (!error) return { fieldErrors: {}, formError: '' };
  if (error.field && fields.includes(error.field)) return { fieldErrors: { [error.field]: error.message }, formError: '' };
  return { fieldErrors: {}, formError: error.message };
}

// Sign up and log in: the token goes to sessionStorage (see session.js).
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { gql } from '../api.js';
import { session } from '../session.js';
import { ErrorText, Field, useForm } from '../ui.jsx';

const AUTH_FIELDS = 'token expiresAt user { id name email }';

function validate(values, fields) {
  const errors = {};
  for (const field of fields) if (!values[field]?.trim()) errors[field] = `Please enter your ${field === 'name' ? 'name' : field}.`;
  if (values.email && !errors.email && !/^[^\s@]+@[^\s@]+$/.test(values.email.trim())) errors.email = 'Please enter an email address like name@example.com.';
  return errors;
}

function AuthForm({ mode, onSignedIn }) {
  const signup = mode === 'signup';
  const fields = signup ? ['name', 'email', 'password'] : ['email', 'password'];
  const { values, set, errors, formError, check, fail } = useForm({ name: '', email: '', password: '' }, fields);
  const [busy, setBusy] = useState(false);
  const { route } = useLocation();

  const submit = async (event) => {
    event.preventDefault();
    if (!check(validate(values, fields))) return;
    setBusy(true);
    try {
      const data = signup
        ? (await gql(`mutation Register($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`, {
            input: { name: values.name.trim(), email: values.email.trim(), password: values.password },
          })).register
        : (await gql(`mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ${AUTH_FIELDS} } }`, {
            email: values.email.trim(),
            password: values.password,
          })).login;
      session.signIn(data.token, data.user);
      onSignedIn();
      route('/products');
    } catch (error) {
      fail(error, (message) => (!signup && error.code === 'UNAUTHENTICATED' ? 'Wrong email or password.' : message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card narrow">
      <h1>{signup ? 'Create your account' : 'Log in'}</h1>
      <form onSubmit={submit} noValidate aria-label={signup ? 'Sign up' : 'Log in'}>
        {signup && <Field label="Name" name="name" autocomplete="name" value={values.name} onInput={set('name')} error={errors.name} />}
        <Field label="Email" name="email" type="email" autocomplete="email" value={values.email} onInput={set('email')} error={errors.email} />
        <Field
          label="Password"
          name="password"
          type="password"
          autocomplete={signup ? 'new-password' : 'current-password'}
          value={values.password}
          onInput={set('password')}
          error={errors.password}
          hint={signup ? 'At least 8 characters.' : undefined}
        />
        <ErrorText error={formError} testid="form-error" />
        <button type="submit" disabled={busy}>
          {busy ? 'Please wait…' : signup ? 'Sign up' : 'Log in'}
        </button>
      </form>
      <p>
        {signup ? (
          <>Already have an account? <a href="/login">Log in</a></>
        ) : (
          <>New here? <a href="/signup">Create an account</a></>
        )}
      </p>
    </section>
  );
}

export const SignUp = ({ onSignedIn }) => <AuthForm mode="signup" onSignedIn={onSignedIn} />;
export const LogIn = ({ onSignedIn }) => <AuthForm mode="login" onSignedIn={onSignedIn} />;

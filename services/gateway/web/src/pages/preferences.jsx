// Which notifications the shopper wants, saved with a visible confirmation.
import { useEffect, useState } from 'preact/hooks';
import { gql } from '../api.js';
import { ErrorText, Field, Loading } from '../ui.jsx';

export function Preferences() {
  const [prefs, setPrefs] = useState(null);
  const [categories, setCategories] = useState('');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    gql('query { me { preferences { orderUpdates promotions categories } } }')
      .then((data) => {
        setPrefs(data.me.preferences);
        setCategories(data.me.preferences.categories.join(', '));
      })
      .catch((e) => setError(e.message));
  }, []);

  const save = async (event) => {
    event.preventDefault();
    setBusy(true);
    setSaved('');
    setError('');
    try {
      const list = categories
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean);
      const data = await gql(
        'mutation Save($input: PreferencesInput!) { updatePreferences(input: $input) { preferences { orderUpdates promotions categories } } }',
        { input: { orderUpdates: prefs.orderUpdates, promotions: prefs.promotions, categories: list } },
      );
      setPrefs(data.updatePreferences.preferences);
      setCategories(data.updatePreferences.preferences.categories.join(', '));
      setSaved('Your preferences are saved.');
    } catch (e) {
      setError(e.message);
    } finally {
      setBusy(false);
    }
  };

  if (!prefs) return error ? <ErrorText error={error} /> : <Loading what="Loading your preferences" />;
  return (
    <section class="card narrow">
      <h1>Notification preferences</h1>
      <form onSubmit={save} aria-label="Preferences">
        <label class="check">
          <input type="checkbox" name="orderUpdates" checked={prefs.orderUpdates} onChange={(e) => { setPrefs({ ...prefs, orderUpdates: e.currentTarget.checked }); setSaved(''); }} />
          Order updates (shipped, delivered, cancelled…)
        </label>
        <label class="check">
          <input type="checkbox" name="promotions" checked={prefs.promotions} onChange={(e) => { setPrefs({ ...prefs, promotions: e.currentTarget.checked }); setSaved(''); }} />
          Promotions
        </label>
        <Field
          label="Promotion categories"
          name="categories"
          value={categories}
          onInput={(e) => { setCategories(e.currentTarget.value); setSaved(''); }}
          hint="Comma separated; leave empty for every category."
          disabled={!prefs.promotions}
        />
        <ErrorText error={error} />
        <button type="submit" disabled={busy}>{busy ? 'Saving…' : 'Save preferences'}</button>
        <p class="success" role="status" data-testid="preferences-saved">{saved}</p>
      </form>
    </section>
  );
}

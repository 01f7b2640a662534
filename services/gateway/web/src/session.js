// What the browser keeps for the session (sessionStorage: gone when the tab closes).
const TOKEN = 'shop.token';
const USER = 'shop.user';
const ADMIN_KEY = 'shop.adminKey';

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  user: () => JSON.parse(sessionStorage.getItem(USER) ?? 'null'),
  signIn(token, user) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(USER, JSON.stringify(user));
  },
  signOut() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
  },
  adminKey: () => sessionStorage.getItem(ADMIN_KEY),
  setAdminKey(key) {
    if (key) sessionStorage.setItem(ADMIN_KEY, key);
    else sessionStorage.removeItem(ADMIN_KEY);
  },
};

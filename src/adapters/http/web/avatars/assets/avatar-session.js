/* global window, atob */
/**
 * The signed-in session for the avatar pages. Uses RookerySession (/web/assets/session.js)
 * when the web app provides it, otherwise reads the same JSON from
 * sessionStorage['rookery.session'] ({access_token, refresh_token, expires_at}).
 */
(function () {
  'use strict';

  function session() {
    const shared = window.RookerySession;
    if (shared && typeof shared.get === 'function') return shared.get();
    try {
      const raw = window.sessionStorage.getItem('rookery.session');
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  function accessToken() {
    const current = session();
    return current && typeof current.access_token === 'string' ? current.access_token : null;
  }

  /** The signed-in user's id: the token's `sub` (display only; the server checks the signature). */
  function userId() {
    const token = accessToken();
    if (!token) return null;
    try {
      const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      return JSON.parse(atob(payload)).sub || null;
    } catch {
      return null;
    }
  }

  function authorisedFetch(url, init) {
    const shared = window.RookerySession;
    if (shared && typeof shared.fetch === 'function') return shared.fetch(url, init);
    const headers = new window.Headers((init && init.headers) || {});
    const token = accessToken();
    if (token) headers.set('Authorization', 'Bearer ' + token);
    return window.fetch(url, Object.assign({}, init, { headers }));
  }

  window.RookeryAvatarSession = { accessToken, userId, fetch: authorisedFetch };
})();

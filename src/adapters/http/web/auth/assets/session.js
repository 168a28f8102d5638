/* global window, sessionStorage, location, fetch, Headers */
/**
 * RookerySession: the web app's one way to hold tokens and call the API.
 *
 * Contract (other pages rely on it):
 *   sessionStorage['rookery.session'] = JSON {access_token, refresh_token, expires_at}
 *     (expires_at: access-token expiry, milliseconds since the epoch)
 *   RookerySession.get()           -> that object, or null
 *   RookerySession.set(tokens)     -> stores a token response ({access_token, refresh_token,
 *                                     expires_in} or with expires_at)
 *   RookerySession.clear()
 *   RookerySession.fetch(url, init)-> fetch with `Authorization: Bearer`; on 401 refreshes
 *                                     once and retries; with no (valid) session, goes to
 *                                     /web/login?next=<this page>
 *   RookerySession.logout()        -> revokes the refresh token, clears, back to login
 */
(function () {
  'use strict';
  var KEY = 'rookery.session';
  var refreshing = null; // one refresh at a time: a refresh token works only once

  function get() {
    try {
      var value = JSON.parse(sessionStorage.getItem(KEY) || 'null');
      return value && value.access_token && value.refresh_token ? value : null;
    } catch {
      return null;
    }
  }

  function set(tokens) {
    var expiresAt = tokens.expires_at || Date.now() + (tokens.expires_in || 0) * 1000;
    var session = {
      access_token: tokens.access_token,
      refresh_token: tokens.refresh_token,
      expires_at: expiresAt,
    };
    sessionStorage.setItem(KEY, JSON.stringify(session));
    return session;
  }

  function clear() {
    sessionStorage.removeItem(KEY);
  }

  function toLogin() {
    clear();
    location.assign('/web/login?next=' + encodeURIComponent(location.pathname + location.search));
    return new Promise(function () {}); // the page is going away
  }

  function refresh(session) {
    if (!refreshing) {
      refreshing = fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: session.refresh_token }),
      })
        .then(function (response) {
          return response.ok ? response.json().then(set) : null;
        })
        .catch(function () {
          return null;
        })
        .finally(function () {
          refreshing = null;
        });
    }
    return refreshing;
  }

  function withToken(init, session) {
    var headers = new Headers((init && init.headers) || {});
    headers.set('Authorization', 'Bearer ' + session.access_token);
    return Object.assign({}, init, { headers: headers });
  }

  function authorizedFetch(url, init) {
    var session = get();
    if (!session) return toLogin();
    // A token about to expire is refreshed first rather than spent on a sure 401.
    var ready = session.expires_at - 30000 < Date.now() ? refresh(session) : Promise.resolve(session);
    return ready.then(function (current) {
      if (!current) return toLogin();
      return fetch(url, withToken(init, current)).then(function (response) {
        if (response.status !== 401) return response;
        return refresh(get() || current).then(function (renewed) {
          if (!renewed) return toLogin();
          return fetch(url, withToken(init, renewed)).then(function (retried) {
            return retried.status === 401 ? toLogin() : retried;
          });
        });
      });
    });
  }

  function logout() {
    var session = get();
    var done = function () {
      clear();
      location.assign('/web/login');
    };
    if (!session) return Promise.resolve(done());
    return authorizedFetch('/api/v1/auth/logout', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: (get() || session).refresh_token }),
    }).then(done, done);
  }

  window.RookerySession = { get: get, set: set, clear: clear, fetch: authorizedFetch, logout: logout };
})();

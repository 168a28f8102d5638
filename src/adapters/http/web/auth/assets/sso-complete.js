/* global window, document, location, history, fetch, URLSearchParams */
/**
 * /web/auth/complete#code=…&next=…: finishes an SSO sign-in. The one-time code arrives in
 * the URL fragment (never sent to a server) and is exchanged by POST for tokens.
 */
(function () {
  'use strict';
  var params = new URLSearchParams(location.hash.slice(1));
  var code = params.get('code');
  var next = params.get('next') || '';
  if (!/^\/(?![/\\])[^\s\\]*$/.test(next)) next = '/web/login';
  history.replaceState(null, '', location.pathname); // drop the code from the address bar and history

  var status = document.getElementById('status');
  if (!code) {
    status.textContent = 'This sign-in link is incomplete. Please sign in again.';
    return;
  }
  fetch('/api/v1/auth/sso/exchange', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: code }),
  })
    .then(function (response) {
      if (!response.ok) throw new Error('exchange failed');
      return response.json();
    })
    .then(function (tokens) {
      window.RookerySession.set(tokens);
      location.replace(next);
    })
    .catch(function () {
      status.textContent = 'This sign-in link has expired or was already used. Please sign in again.';
    });
})();

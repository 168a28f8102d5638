/* global document, location, history, fetch, URLSearchParams */
/**
 * /web/verify-email#token=…: confirms an address. The token arrives in the fragment (never
 * sent to a server) and is posted only when the person presses the button, so link
 * scanners and mail previews that open the link confirm nothing.
 */
(function () {
  'use strict';
  var token = new URLSearchParams(location.hash.slice(1)).get('token');
  history.replaceState(null, '', location.pathname);
  var button = document.getElementById('confirm');
  var status = document.getElementById('status');
  var messages = {
    'auth.verification_link_expired': 'This link has expired. Sign in and ask for a new one.',
    'auth.verification_link_used': 'This link was already used. Your address may already be confirmed.',
  };
  if (!token) {
    button.hidden = true;
    status.textContent = 'This link is incomplete. Open the link from the e-mail again.';
    return;
  }
  button.addEventListener('click', function () {
    button.disabled = true;
    status.textContent = 'Confirming…';
    fetch('/api/v1/auth/verify-email', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: token }),
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.ok) {
            button.hidden = true;
            status.textContent = 'Thank you: your e-mail address is confirmed.';
          } else {
            status.textContent = messages[body.code] || 'This link is not valid.';
          }
        });
      })
      .catch(function () {
        button.disabled = false;
        status.textContent = 'Rookery cannot be reached right now. Please try again.';
      });
  });
})();

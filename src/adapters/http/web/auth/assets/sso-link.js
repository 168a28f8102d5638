/* global window, document, location, history, fetch, URLSearchParams, FormData */
/**
 * /web/auth/link#ticket=…: an SSO sign-in met an existing account with the same e-mail.
 * Linking needs that account's password; the ticket (sealed, ten minutes) says which sign-in.
 */
(function () {
  'use strict';
  var ticket = new URLSearchParams(location.hash.slice(1)).get('ticket');
  history.replaceState(null, '', location.pathname);
  var form = document.getElementById('link-form');
  var error = document.getElementById('link-error');
  var show = function (message) {
    error.textContent = message;
    error.hidden = false;
  };
  if (!ticket) {
    form.hidden = true;
    show('This link request is incomplete. Please sign in again.');
    return;
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    error.hidden = true;
    var password = new FormData(form).get('password');
    fetch('/api/v1/auth/sso/link', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ link_ticket: ticket, password: password }),
    })
      .then(function (response) {
        return response.json().then(function (body) {
          if (response.ok) {
            window.RookerySession.set(body);
            location.replace('/web/login');
          } else if (response.status === 401) show('That password is not correct.');
          else if (response.status === 429)
            show('Too many attempts. Please wait ' + body.retry_after + ' seconds.');
          else show('This link request has expired. Please sign in again.');
        });
      })
      .catch(function () {
        show('Rookery cannot be reached right now. Please try again.');
      });
  });
})();

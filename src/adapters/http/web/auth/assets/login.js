/* global window, document, location, fetch, URLSearchParams */
/** /web/login: e-mail + password sign-in and sign-up; SSO buttons are plain links. */
(function () {
  'use strict';
  var session = window.RookerySession;

  function nextPath() {
    var next = new URLSearchParams(location.search).get('next') || '';
    return /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : null;
  }

  function show(element, text) {
    element.textContent = text;
    element.hidden = !text;
  }

  function describe(response, problem) {
    if (response.status === 429) {
      var wait = response.headers.get('Retry-After');
      return 'Too many attempts. Try again in ' + (wait || 'a few') + ' seconds.';
    }
    return (problem && problem.detail) || 'Something went wrong (' + response.status + ').';
  }

  function submitJson(form, url, body, errorBox) {
    var button = form.querySelector('button[type=submit]');
    button.disabled = true;
    show(errorBox, '');
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(function (response) {
        return response.json().then(
          function (json) {
            return { response: response, json: json };
          },
          function () {
            return { response: response, json: null };
          },
        );
      })
      .then(function (result) {
        if (!result.response.ok) throw new Error(describe(result.response, result.json));
        session.set(result.json);
        location.replace(nextPath() || '/web/login');
      })
      .catch(function (error) {
        show(errorBox, error.message);
      })
      .finally(function () {
        button.disabled = false;
      });
  }

  function value(form, name) {
    return form.elements.namedItem(name).value;
  }

  var login = document.getElementById('login-form');
  login.addEventListener('submit', function (event) {
    event.preventDefault();
    submitJson(
      login,
      '/api/v1/auth/login',
      { email: value(login, 'email'), password: value(login, 'password') },
      document.getElementById('login-error'),
    );
  });

  var register = document.getElementById('register-form');
  register.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = {
      email: value(register, 'email'),
      handle: value(register, 'handle'),
      password: value(register, 'password'),
    };
    var name = value(register, 'display_name');
    if (name) body.display_name = name;
    submitJson(register, '/api/v1/auth/register', body, document.getElementById('register-error'));
  });

  // Already signed in: say who, and offer to sign out.
  var signedIn = document.getElementById('signed-in');
  if (session.get()) {
    session.fetch('/api/v1/me').then(function (response) {
      if (!response.ok) return;
      return response.json().then(function (me) {
        document.getElementById('signed-in-as').textContent = me.display_name + ' (@' + me.handle + ')';
        signedIn.hidden = false;
      });
    });
  }
  document.getElementById('logout').addEventListener('click', function () {
    session.logout();
  });
})();

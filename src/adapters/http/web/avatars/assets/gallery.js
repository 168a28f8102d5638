/* global window, document */
/** /web/gallery/{user_id}: a user's avatars as thumbnails; the owner can delete them. */
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const session = window.RookeryAvatarSession;
  const userId = decodeURIComponent(window.location.pathname.split('/').filter(Boolean).pop() || '');
  const owner = session.userId() === userId;
  const list = $('gallery');
  let cursor = null;

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const fail = (message) => {
    $('error').textContent = message;
    $('error').hidden = false;
  };
  const megabytes = (bytes) =>
    bytes < 1024 * 1024
      ? Math.max(1, Math.round(bytes / 1024)) + ' KB'
      : (bytes / 1024 / 1024).toFixed(1) + ' MB';

  async function problemOf(response) {
    const body = await response.json().catch(() => null);
    return (body && body.detail) || 'The request failed (HTTP ' + response.status + ').';
  }

  function picture(avatar) {
    if (avatar.status === 'ready') {
      const img = element('img');
      img.src = '/api/v1/avatars/' + encodeURIComponent(avatar.id) + '?size=100x100';
      img.alt = 'Avatar ' + avatar.file_name;
      img.width = 100;
      img.height = 100;
      return img;
    }
    const failed = avatar.status === 'failed';
    const box = element('div', 'placeholder' + (failed ? ' failed' : ''), failed ? 'Failed' : 'Processing…');
    if (failed && avatar.failure_reason) box.title = avatar.failure_reason;
    return box;
  }

  function card(avatar) {
    const item = element('li', 'avatar-card');
    item.dataset.avatarId = avatar.id;
    item.dataset.status = avatar.status;
    item.append(
      picture(avatar),
      element('span', 'name', avatar.file_name),
      element(
        'span',
        'meta',
        avatar.dimensions.width + '×' + avatar.dimensions.height + ' · ' + megabytes(avatar.size),
      ),
      element('span', 'meta', new Date(avatar.created_at).toLocaleString()),
      element('span', 'badge ' + avatar.status, avatar.status),
    );
    if (owner) item.append(deleteButton(avatar, item));
    if (avatar.status === 'processing') watch(avatar.id, item, 0);
    return item;
  }

  /** Two clicks (no blocking confirm dialog): "Delete", then "Really delete?". */
  function deleteButton(avatar, item) {
    const button = element('button', 'button danger', 'Delete');
    button.type = 'button';
    button.addEventListener('click', async () => {
      if (button.dataset.armed !== 'true') {
        button.dataset.armed = 'true';
        button.textContent = 'Really delete?';
        return;
      }
      button.disabled = true;
      const response = await session.fetch('/api/v1/avatars/' + encodeURIComponent(avatar.id), {
        method: 'DELETE',
      });
      if (response.status === 204 || response.status === 404) {
        item.remove();
        $('empty').hidden = list.children.length > 0;
      } else {
        button.disabled = false;
        fail(await problemOf(response));
      }
    });
    return button;
  }

  /** Polls a processing avatar until the worker is done, then shows its thumbnail. */
  function watch(id, item, attempt) {
    if (attempt > 120) return;
    window.setTimeout(
      async () => {
        if (!item.isConnected) return;
        const response = await session.fetch('/api/v1/avatars/' + encodeURIComponent(id) + '/metadata');
        if (!response.ok) return;
        const avatar = await response.json();
        if (avatar.status === 'processing') return watch(id, item, attempt + 1);
        item.replaceWith(card(avatar));
      },
      Math.min(500 * (attempt + 1), 3000),
    );
  }

  async function load() {
    const query = '?limit=24' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
    const response = await session.fetch('/api/v1/users/' + encodeURIComponent(userId) + '/avatars' + query);
    if (!response.ok) return fail(await problemOf(response));
    const page = await response.json();
    page.items.forEach((avatar) => list.append(card(avatar)));
    cursor = page.next_cursor;
    $('more').hidden = !cursor;
    $('empty').hidden = list.children.length > 0;
  }

  $('title').textContent = owner ? 'Your avatars' : 'Avatars';
  if (owner) $('upload-link').hidden = false;
  $('more').addEventListener('click', () => void load());
  if (session.accessToken()) void load();
  else {
    $('sign-in').href = '/web/login?next=' + encodeURIComponent(window.location.pathname);
    $('signed-out').hidden = false;
  }
})();

/* global window, document, FileReader, FormData, XMLHttpRequest */
/** /web/upload: choose or drop an image, preview it, upload it with a progress bar. */
(function () {
  'use strict';

  const MAX_BYTES = 10 * 1024 * 1024;
  const $ = (id) => document.getElementById(id);
  const session = window.RookeryAvatarSession;
  const input = $('file-input');
  const zone = $('drop-zone');
  const button = $('upload-button');
  let chosen = null;

  const show = (element, text) => {
    if (text !== undefined) element.textContent = text;
    element.hidden = false;
  };
  const hide = (element) => (element.hidden = true);
  const fail = (message) => {
    show($('error'), message);
    button.disabled = true;
  };
  const megabytes = (bytes) =>
    bytes < 1024 * 1024
      ? Math.max(1, Math.round(bytes / 1024)) + ' KB'
      : (bytes / 1024 / 1024).toFixed(1) + ' MB';

  /** The format by the file's first bytes, as the server decides it (names and types can lie). */
  async function sniff(file) {
    const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
    if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'JPEG';
    if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((v, i) => b[i] === v)) return 'PNG';
    const text = String.fromCharCode(...b);
    if (text.startsWith('RIFF') && text.slice(8, 12) === 'WEBP') return 'WebP';
    return null;
  }

  async function choose(file) {
    chosen = null;
    button.disabled = true;
    [$('error'), $('done'), $('file-info'), $('progress-block'), $('preview')].forEach(hide);
    show($('drop-text'));
    if (!file) return;
    if (file.size === 0) return fail('This file is empty. Choose a JPEG, PNG or WebP image.');
    if (file.size > MAX_BYTES)
      return fail('This file is ' + megabytes(file.size) + '; the limit is 10 MB. Choose a smaller image.');
    const format = await sniff(file);
    if (!format)
      return fail('"' + file.name + '" is not a JPEG, PNG or WebP image, the only formats accepted.');
    chosen = file;
    const reader = new FileReader();
    reader.onload = () => {
      $('preview').src = reader.result;
      show($('preview'));
      hide($('drop-text'));
    };
    reader.readAsDataURL(file);
    show($('file-info'), file.name + ' · ' + format + ' · ' + megabytes(file.size));
    button.disabled = false;
  }

  function problemMessage(status, problem) {
    if (status === 401) return 'Your session has expired. Sign in again, then retry.';
    if (status === 413) return 'This file is too large: the limit is 10 MB.';
    if (problem && problem.detail) return problem.detail;
    return 'The upload failed (HTTP ' + status + '). Try again.';
  }

  function upload(event) {
    event.preventDefault();
    if (!chosen) return;
    const token = session.accessToken();
    if (!token) return show($('signed-out'));
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1/avatars');
    request.setRequestHeader('Authorization', 'Bearer ' + token);
    request.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      $('progress').value = percent;
      $('progress-text').textContent = percent + '%';
    };
    request.onload = () => {
      let body;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status !== 201) return fail(problemMessage(request.status, body));
      $('progress').value = 100;
      $('progress-text').textContent = '100%';
      $('gallery-link').href = '/web/gallery/' + encodeURIComponent(body.user_id);
      show($('done'));
      chosen = null;
    };
    request.onerror = () => fail('The upload failed: the server could not be reached. Try again.');
    hide($('error'));
    $('progress').value = 0;
    $('progress-text').textContent = '0%';
    show($('progress-block'));
    button.disabled = true;
    request.send(form);
  }

  zone.addEventListener('dragenter', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragover', (e) => e.preventDefault());
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    const files = e.dataTransfer ? e.dataTransfer.files : [];
    if (files.length > 1) return fail('Drop one image at a time.');
    void choose(files[0]);
  });
  zone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      input.click();
    }
  });
  input.addEventListener('change', () => void choose(input.files[0]));
  $('upload-form').addEventListener('submit', upload);

  const me = session.userId();
  if (!me) show($('signed-out'));
  else {
    $('gallery-nav').href = '/web/gallery/' + encodeURIComponent(me);
    show($('gallery-nav'));
  }
})();

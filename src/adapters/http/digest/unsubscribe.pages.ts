/** The two small pages of the unsubscribe link: no scripts (the CSP allows none inline), no user content. */

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${title}</title>
  <style>
    body { font-family: -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif; background: #f4f4f5;
           color: #18181b; display: flex; justify-content: center; padding: 48px 16px; margin: 0; }
    main { background: #fff; border-radius: 8px; padding: 32px; max-width: 420px; }
    button { background: #18181b; color: #fff; border: 0; border-radius: 6px; padding: 10px 18px; font-size: 15px; cursor: pointer; }
  </style>
</head>
<body><main>${body}</main></body>
</html>`;

export function confirmationPage(action: string): string {
  return page(
    'Unsubscribe from the daily digest',
    `<h1>Stop the daily digest?</h1>
     <p>You will no longer receive the daily Rookery digest e-mail. You can turn it back on in your settings.</p>
     <form method="post" action="${escapeHtml(action)}"><button type="submit">Unsubscribe</button></form>`,
  );
}

export function unsubscribedPage(): string {
  return page(
    'Unsubscribed',
    `<h1>You are unsubscribed</h1>
     <p>You will no longer receive the daily Rookery digest. You can turn it back on in your settings.</p>`,
  );
}

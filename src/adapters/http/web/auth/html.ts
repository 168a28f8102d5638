const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * A page of the web app. Scripts are external files only: the Content-Security-Policy
 * (helmet's default) forbids inline scripts, which is what keeps injected markup inert.
 */
export function page(title: string, body: string, scripts: readonly string[] = []): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · Rookery</title>
  <link rel="stylesheet" href="/web/assets/auth.css">
</head>
<body>
  <main class="card">
${body}
  </main>
${scripts.map((src) => `  <script src="${escapeHtml(src)}"></script>`).join('\n')}
</body>
</html>`;
}

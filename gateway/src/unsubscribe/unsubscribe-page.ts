import escapeHtml from 'escape-html';

/**
 * The small pages of one-click unsubscribe. No script and no inline style: the Content-Security-Policy
 * below allows nothing but a form posting back to this origin.
 */
export const UNSUBSCRIBE_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy':
    "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The token in the URL must not travel onwards in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

/** What the user is leaving, in words. */
function subjectOf(category: string | null): string {
  return category === null ? 'email from us' : `“${escapeHtml(category)}” email`;
}

/**
 * GET: asks, and only a click (a form POST with the RFC 8058 body) unsubscribes, so a mail
 * scanner that follows links unsubscribes nobody. The empty action posts back to this URL.
 */
export function confirmationPage(category: string | null): string {
  return page(
    'Unsubscribe',
    `<p>Stop receiving ${subjectOf(category)}?</p>
<form method="post" action="">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>`,
  );
}

export function unsubscribedPage(category: string | null): string {
  return page('Unsubscribed', `<p>You will no longer receive ${subjectOf(category)}.</p>`);
}

export function invalidLinkPage(): string {
  return page('Link not valid', '<p>This unsubscribe link is not valid.</p>');
}

export function badRequestPage(): string {
  return page(
    'Bad request',
    '<p>An unsubscribe request is a POST with the form body List-Unsubscribe=One-Click.</p>',
  );
}

export function unavailablePage(): string {
  return page('Try again later', '<p>We could not unsubscribe you just now. Please try again later.</p>');
}

import { expect, type Page } from "@playwright/test";

/*
 * Hostile text for the XSS spec. Every payload that could run sets
 * window.__xss to its own number (or opens a dialog), so a failure names the
 * payload that got through. None starts or ends with white space: the
 * composer and room names are trimmed, and the text must come back exactly.
 */
const longChunk = "<img src=x onerror=window.__xss=99>";
/** At the body limit (4,000 code points), markup all the way. */
const longest = longChunk.repeat(Math.floor(4000 / longChunk.length)).padEnd(4000, "!");

export const messagePayloads = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=2;alert(2)">',
  "javascript:window.__xss=3",
  '<svg onload="window.__xss=4"><circle r="1"/></svg>',
  '"><img src=x onerror=window.__xss=5>',
  "'><script>window.__xss=6</script><'",
  "</p></li></ol></div><script>window.__xss=7</script>",
  "{{constructor.constructor('window.__xss=8')()}}",
  "${window.__xss=9}`${alert(9)}`",
  "[click me](javascript:window.__xss=10)",
  '<a href="javascript:window.__xss=11">link</a>',
  '<iframe src="javascript:window.__xss=12"></iframe>',
  '<details open ontoggle="window.__xss=13">x</details>',
  "&lt;b&gt;entities stay entities&amp;amp; &#60;script&#62;",
  "\u202Eevil<img src=x onerror=window.__xss=14>\u202C txt.exe",
  "zero\u200Bwidth\u200Djoin\u2060<script>window.__xss=15</script>",
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=16>",
  "<textarea></textarea><title></title><style></style><script>window.__xss=17</script>",
  '<b onmouseover="window.__xss=18" style="position:fixed;inset:0">cover</b>',
  "__proto__ constructor prototype {\"__proto__\":{\"polluted\":1}}",
  // Markdown (issue 10): only http(s) targets become links; HTML stays text, in code too.
  "[data link](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MzA8L3NjcmlwdD4=)",
  "<javascript:window.__xss=31>",
  "```html\n<img src=x onerror=window.__xss=32>\n</code></pre><script>window.__xss=33</script>\n```",
  "**[bold link](javascript:window.__xss=34)**",
  "![x](javascript:window.__xss=35) ![y](https://example.com/y.png)",
  "`<img src=x onerror=window.__xss=36>`",
  "www.example.com/<script>window.__xss=37</script>",
  "[vb](vbscript:msgbox(38)) [mixed](JaVaScRiPt:window.__xss=39) [tab](java\tscript:window.__xss=40)",
  '[ok](https://example.com/"onmouseover="window.__xss=41)',
  "[ref][r]\n\n[r]: javascript:window.__xss=42",
  longest,
];

/**
 * The text a payload shows once the markdown subset has rendered it
 * (components/message-body.tsx): emphasis, code and link markers of the
 * allowed subset go, everything else stays exactly as typed.
 */
const renderedText: Record<string, string> = {
  "${window.__xss=9}`${alert(9)}`": "${window.__xss=9}${alert(9)}",
  '__proto__ constructor prototype {"__proto__":{"polluted":1}}': 'proto constructor prototype {"proto":{"polluted":1}}',
  "```html\n<img src=x onerror=window.__xss=32>\n</code></pre><script>window.__xss=33</script>\n```":
    "<img src=x onerror=window.__xss=32>\n</code></pre><script>window.__xss=33</script>\n",
  "**[bold link](javascript:window.__xss=34)**": "[bold link](javascript:window.__xss=34)",
  "![x](javascript:window.__xss=35) ![y](https://example.com/y.png)": "![x](javascript:window.__xss=35) !y",
  "`<img src=x onerror=window.__xss=36>`": "<img src=x onerror=window.__xss=36>",
  '[ok](https://example.com/"onmouseover="window.__xss=41)': "ok",
  "[ref][r]\n\n[r]: javascript:window.__xss=42": "[ref][r]\n[r]: javascript:window.__xss=42",
};

export function shownAs(body: string): string {
  return renderedText[body] ?? body;
}

/** Room names: 1-64 code points after trimming. */
export const roomNamePayloads = [
  "<img src=x onerror=alert(101)>",
  "<script>window.__xss=102</script>",
  '"><svg onload=window.__xss=103>',
  "{{7*7}} ${7*7} [x](javascript:alert(104))",
  "\u202Eemoc.elgoog\u202C <b>bold?</b>\u200B",
  "<i>".repeat(21) + "!",
];

/** Usernames are [a-z0-9_-]{3,32}: every one of these must be refused at sign-up. */
export const usernamePayloads = [
  "<script>alert(201)</script>",
  "<img src=x onerror=alert(202)>",
  '"><svg onload=alert(203)>',
  "javascript:alert(204)",
  "{{7*7}}",
  "${7*7}",
  "admin\u200B",
  "\u202Enimda",
  "Admin",
  "a".repeat(33),
];

/** Elements and attributes that exist only if a payload became markup. */
const injected = [
  'img[src="x"]',
  "svg[onload]",
  "iframe",
  "details[ontoggle]",
  "math",
  "mglyph",
  "textarea:not([data-testid])",
  'a[href^="javascript:"]',
  // A link in a message is http(s) only, opens in a new tab, and carries no opener or referrer.
  '[data-testid="message-body"] a:not([href^="http://"]):not([href^="https://"])',
  '[data-testid="message-body"] a:not([rel="noopener noreferrer nofollow"])',
  '[data-testid="message-body"] a:not([target="_blank"])',
  '[data-testid="message-body"] :not(p, strong, em, code, pre, a, br)',
  "[onerror]",
  "[onload]",
  "[onmouseover]",
];

/** Records every dialog (an alert from a payload); expectInert fails on any. */
export function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return dialogs;
}

/** No dialog opened, no payload ran, no element or inline script from a payload is in the DOM. */
export async function expectInert(page: Page, dialogs: string[]): Promise<void> {
  expect(dialogs, "a payload opened a dialog").toEqual([]);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), "a payload ran").toBeUndefined();
  const found = await page.evaluate((selectors) => {
    const elements = [...document.querySelectorAll(selectors.join(","))].map((e) => e.outerHTML.slice(0, 120));
    const scripts = [...document.scripts].filter((s) => /^\s*(window\.__xss|alert)/.test(s.textContent ?? "")).map((s) => s.outerHTML.slice(0, 120));
    return [...elements, ...scripts];
  }, injected);
  expect(found, "elements or scripts from a payload are in the DOM").toEqual([]);
}

/** The exact text of each match, zero-width and direction marks included. */
export function textsOf(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ""));
}

import { test } from "node:test";
import assert from "node:assert/strict";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MessageBody } from "../../components/message-body";
import { allowedElements } from "./chat-markdown";

/** The rendered HTML without class attributes, so assertions read as the structure. */
const html = (body: string) => renderToStaticMarkup(createElement(MessageBody, { body })).replace(/ class="[^"]*"/g, "");
const inner = (body: string) => html(body).replace(/^<div data-testid="message-body"( data-emoji-only="true")?>|<\/div>$/g, "");
const tags = (markup: string) => [...markup.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]!);

test("bold, italic, inline code and fenced code blocks", () => {
  assert.equal(inner("**bold** __too__ *it* _also_ `x < y`"), "<p><strong>bold</strong> <strong>too</strong> <em>it</em> <em>also</em> <code>x &lt; y</code></p>");
  assert.equal(inner("```ts\n<b>x</b>\n  indented\n```"), "<pre><code>&lt;b&gt;x&lt;/b&gt;\n  indented\n</code></pre>");
});

test("line breaks are kept; a blank line starts a paragraph", () => {
  assert.equal(inner("one\ntwo\n\nthree"), "<p>one<br/>\ntwo</p>\n<p>three</p>");
});

test("http(s) links, <autolinks> and bare URLs open safely in a new tab", () => {
  const a = (href: string, text: string) => `<a href="${href}" target="_blank" rel="noopener noreferrer nofollow">${text}</a>`;
  assert.equal(inner("[docs](https://example.com/d)"), `<p>${a("https://example.com/d", "docs")}</p>`);
  assert.equal(inner("<https://example.com>"), `<p>${a("https://example.com/", "https://example.com")}</p>`);
  assert.equal(inner("see http://example.com/x?y=1, www.example.org."),
    `<p>see ${a("http://example.com/x?y=1", "http://example.com/x?y=1")}, ${a("http://www.example.org/", "www.example.org")}.</p>`);
});

test("any other link target stays the text that was typed", () => {
  for (const body of [
    "[click](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>", "[x](vbscript:msgbox)", "[x](//evil.example)", "[x](/relative)", "[**b**](javascript:void(0))",
  ]) {
    assert.ok(!html(body).includes("<a"), body);
    assert.equal(inner(body), `<p>${body.replaceAll("<", "&lt;").replaceAll(">", "&gt;")}</p>`, body);
  }
  assert.equal(inner("mail me: someone@example.com"), "<p>mail me: someone@example.com</p>");
});

test("raw HTML, entities, images, headings, lists and quotes are plain text", () => {
  const body = '<img src=x onerror="alert(1)"> &lt;b&gt;\n# h\n- item\n> quote\n---\n![i](https://example.com/i.png)\n<script>alert(2)</script>';
  const out = inner(body);
  assert.deepEqual([...new Set(tags(out))].sort(), ["a", "br", "p"], "only the image's link part becomes a link");
  assert.ok(out.startsWith("<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp;lt;b&amp;gt;<br/>\n# h<br/>\n- item<br/>\n&gt; quote<br/>\n---<br/>\n!<a "), out);
  assert.ok(out.endsWith("&lt;script&gt;alert(2)&lt;/script&gt;</p>"), out);
});

test("hostile bodies produce only allowed elements and no script-bearing attribute", () => {
  const bodies = [
    "<script>alert(1)</script>", '"><svg onload=alert(1)>', "<a href=\"javascript:alert(1)\">x</a>", "[a](javascript:alert(1))",
    "```\n</code></pre><script>alert(1)</script>\n```", "`</code><img src=x onerror=alert(1)>`", "**<iframe src=javascript:alert(1)>**",
    "[x](https://ok.example \"title\" onmouseover=alert(1))", "[x](<javascript:alert(1)>)", "www.example.com/<script>",
  ];
  for (const body of bodies) {
    const out = html(body);
    for (const tag of tags(out)) assert.ok(tag === "div" || allowedElements.includes(tag), `${tag} in ${out}`);
    // Text escapes every "<", so each one left is a real tag: none may carry a handler or a javascript: URL.
    assert.doesNotMatch(out, /<[^>]*(\son[a-z]+=|javascript:)/i, out);
  }
});

test("one to three emoji render larger; the text is unchanged", () => {
  assert.match(html("🎉🎉"), /^<div data-testid="message-body" data-emoji-only="true"><p>🎉🎉<\/p><\/div>$/);
  assert.doesNotMatch(html("party 🎉"), /data-emoji-only/);
});

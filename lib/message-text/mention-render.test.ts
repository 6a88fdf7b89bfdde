import assert from "node:assert/strict";
import { test } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { MessageBody } from "../../components/message-body";

const html = (body: string, me?: string) =>
  renderToStaticMarkup(createElement(MessageBody, { body, me })).replace(/ class="[^"]*"/g, "")
    .replace(/^<div data-testid="message-body">|<\/div>$/g, "");
const ann = (text: string, me = false) => `<span data-testid="mention"${me ? ' data-me="true"' : ""}>${text}</span>`;

test("mentions are marked, the viewer's own more strongly", () => {
  assert.equal(html("hi @ann and @Ben!", "ben"), `<p>hi ${ann("@ann")} and ${ann("@Ben", true)}!</p>`);
  assert.equal(html("**@ann** _@ben_"), `<p><strong>${ann("@ann")}</strong> <em>${ann("@ben")}</em></p>`);
});

test("never inside code, code blocks or links; e-mail addresses are no mentions", () => {
  assert.equal(html("`@ann` mail ann@ann.org", "ann"), "<p><code>@ann</code> mail ann@ann.org</p>");
  assert.equal(html("```\n@ann\n```", "ann"), "<pre><code>@ann\n</code></pre>");
  assert.ok(!html("[@ann](https://example.com/@ann)", "ann").includes("mention"));
});

test("a mention is text: markup in what follows stays escaped", () => {
  assert.equal(html("@ann<img src=x onerror=alert(1)>"), `<p>${ann("@ann")}&lt;img src=x onerror=alert(1)&gt;</p>`);
});

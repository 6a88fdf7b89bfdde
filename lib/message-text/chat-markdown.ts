/**
 * The markdown a message may use, and nothing more: *italic*, **bold**,
 * `inline code`, fenced code blocks, [links](https://…), <https://…> and bare
 * URLs (GFM's autolink literals), line breaks as typed. Everything else the
 * CommonMark parser knows is switched off at the tokenizer, so it stays the
 * text that was typed: raw HTML (never parsed, so never markup), character
 * references (`&lt;` stays `&lt;`), headings, lists, quotes, rules, images,
 * indented code and link definitions. react-markdown turns the tree into
 * React elements (escaped text, no dangerouslySetInnerHTML); `allowedElements`
 * is a second fence, and link targets pass link-policy.ts.
 */
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import remarkBreaks from "remark-breaks";
import type { PluggableList, Processor } from "unified";

/** Tokenizer constructs that are off (names from micromark-core-commonmark). */
const disabledConstructs = [
  "htmlFlow", "htmlText", "characterReference", "headingAtx", "setextUnderline", "list", "blockQuote",
  "thematicBreak", "labelStartImage", "codeIndented", "definition",
];

/** Every element a message body can contain; `span` only from rehype-mentions.ts (raw HTML is never parsed). */
export const allowedElements = ["p", "strong", "em", "code", "pre", "a", "br", "span"];

/** What remark-parse reads from the processor's data (its own type augmentation is not in scope here). */
type ParserData = { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };

function remarkChatSubset(this: Processor): void {
  const data = this.data() as ParserData;
  (data.micromarkExtensions ??= []).push({ disable: { null: disabledConstructs } }, gfmAutolinkLiteral());
  (data.fromMarkdownExtensions ??= []).push(gfmAutolinkLiteralFromMarkdown());
}

export const remarkPlugins: PluggableList = [remarkChatSubset, remarkBreaks];

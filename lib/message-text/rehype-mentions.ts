/**
 * Marks `@username` in a message's text (lib/mentions/mentions.ts's rule) as
 * a `span` with `data-mention` (the name, lowercased), for message-body.tsx
 * to style. Only text nodes are split, and none inside code, code blocks or
 * links: the text stays text (React escapes it), nothing is parsed as markup.
 */
import type { Element, ElementContent, Root, RootContent } from "hast";
import { splitMentions } from "../mentions/mentions";

/** Elements whose text keeps its `@`s as typed. */
const untouched = new Set(["code", "pre", "a"]);

export function rehypeMentions() {
  return (tree: Root): void => {
    tree.children = markAll(tree.children);
  };
}

function markAll<T extends RootContent | ElementContent>(nodes: T[]): T[] {
  return nodes.flatMap((node): T[] => {
    if (node.type === "element") {
      if (!untouched.has(node.tagName)) node.children = markAll(node.children);
      return [node];
    }
    if (node.type !== "text") return [node];
    const parts = splitMentions(node.value);
    if (parts.length === 1 && !parts[0]!.mention) return [node];
    return parts.map((part) => (part.mention ? mentionSpan(part.text, part.mention) : { type: "text", value: part.text }) as T);
  });
}

function mentionSpan(text: string, name: string): Element {
  return { type: "element", tagName: "span", properties: { dataMention: name }, children: [{ type: "text", value: text }] };
}

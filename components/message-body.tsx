import Markdown, { type Components } from "react-markdown";
import { allowedElements, remarkPlugins } from "@/lib/message-text/chat-markdown";
import { isEmojiOnly } from "@/lib/message-text/emoji-only";
import { linkRel, safeHref } from "@/lib/message-text/link-policy";
import { rehypeMentions } from "@/lib/message-text/rehype-mentions";
import { Mention } from "./mention";

/** `me`: the viewer's username, whose mentions are marked more strongly. */
type Props = { body: string; me?: string; size?: "sm" | "base"; className?: string };

const rehypePlugins = [rehypeMentions];

/**
 * A message's text, for the live room and the no-JavaScript archive alike
 * (no hooks, so it renders in server and client components). The markdown
 * subset and why it is safe: lib/message-text/chat-markdown.ts.
 */
export function MessageBody({ body, me, size = "sm", className = "" }: Props) {
  const large = isEmojiOnly(body);
  const text = large ? "text-4xl leading-tight" : size === "base" ? "text-base leading-relaxed" : "text-sm leading-relaxed";
  return (
    <div
      data-testid="message-body"
      data-emoji-only={large ? "true" : undefined}
      className={`min-w-0 space-y-1 text-slate-800 [overflow-wrap:anywhere] [&_pre_code]:bg-transparent [&_pre_code]:p-0 ${text} ${className}`}
    >
      <Markdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        allowedElements={allowedElements}
        unwrapDisallowed
        skipHtml
        urlTransform={(url) => safeHref(url) ?? ""}
        components={componentsFor(body, me)}
      >
        {body}
      </Markdown>
    </div>
  );
}

function componentsFor(body: string, me: string | undefined): Components {
  return {
    span: ({ node, children }) => {
      const name = node?.properties?.dataMention;
      return typeof name === "string" ? <Mention name={name} me={me}>{children}</Mention> : <span>{children}</span>;
    },
    a: ({ href, children, node }) => {
      if (!href) {
        // Not an http(s) target: show what was typed, as text.
        const start = node?.position?.start.offset;
        const end = node?.position?.end.offset;
        return <>{start !== undefined && end !== undefined ? body.slice(start, end) : children}</>;
      }
      return (
        <a href={href} target="_blank" rel={linkRel} className="text-indigo-700 underline decoration-indigo-300 hover:decoration-indigo-700">
          {children}
        </a>
      );
    },
    code: ({ children }) => (
      <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.9em]">{children}</code>
    ),
    pre: ({ children }) => (
      <pre className="whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-xs leading-snug">
        {children}
      </pre>
    ),
  };
}

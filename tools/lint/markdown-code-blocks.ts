/** A fenced code block of a Markdown file, with the line its code starts on (for messages). */
export interface CodeBlock {
  lang: string;
  line: number;
  code: string;
}

/** Every ``` fenced block whose info string starts with one of `langs` (e.g. "ts"), in order. */
export function codeBlocks(markdown: string, langs: readonly string[]): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(\s*)(`{3,})\s*([\w-]*)/.exec(lines[i] ?? "");
    if (!open) continue;
    const fence = open[2] ?? "```";
    const lang = open[3] ?? "";
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? "").trim().startsWith(fence)) body.push(lines[j++] ?? "");
    if (langs.includes(lang)) blocks.push({ lang, line: i + 2, code: `${body.join("\n")}\n` });
    i = j;
  }
  return blocks;
}

/**
 * The one line reader for JSONL (Shopify bulk results reach hundreds of MB: never hold a file
 * whole). Reads a web stream (a download's body) or any async iterable of bytes or text (a Node
 * file stream); lines end at `\n`, a trailing `\r` is dropped, the last line needs no newline.
 */
export async function* readLines(
  source: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>,
): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let rest = '';
  const strip = (line: string) => (line.endsWith('\r') ? line.slice(0, -1) : line);
  for await (const chunk of source as AsyncIterable<Uint8Array | string>) {
    rest += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let start = 0;
    let nl = rest.indexOf('\n');
    while (nl >= 0) {
      yield strip(rest.slice(start, nl));
      start = nl + 1;
      nl = rest.indexOf('\n', start);
    }
    rest = rest.slice(start);
  }
  rest += decoder.decode();
  if (rest) yield strip(rest);
}

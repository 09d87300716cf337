import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readLines } from './jsonl';

async function collect(source: Parameters<typeof readLines>[0]) {
  const lines: string[] = [];
  for await (const line of readLines(source)) lines.push(line);
  return lines;
}

describe('readLines', () => {
  it('splits a web stream into lines across chunk boundaries and multi-byte characters', async () => {
    const bytes = new TextEncoder().encode('{"a":"é"}\n{"b":2}\n{"c":3}');
    const chunks = [bytes.slice(0, 7), bytes.slice(7, 13), bytes.slice(13)];
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(chunk);
        c.close();
      },
    });
    expect(await collect(stream)).toEqual(['{"a":"é"}', '{"b":2}', '{"c":3}']);
  });

  it('reads a Node stream of a file written on Windows (CRLF) the same way', async () => {
    const node = Readable.from([Buffer.from('{"a":1}\r\n{"b'), Buffer.from('":2}\r\n')]);
    expect(await collect(node)).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('keeps empty lines (the caller decides) and yields nothing for an empty source', async () => {
    expect(await collect(Readable.from(['a\n\nb\n']))).toEqual(['a', '', 'b']);
    expect(await collect(Readable.from([]))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { createSseParser, readServerSentEvents, type ServerSentEvent } from './sse';

const streamOf = (chunks: readonly string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      const encoder = new TextEncoder();
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });

async function eventsOf(chunks: readonly string[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  await readServerSentEvents(streamOf(chunks), (event) => events.push(event));
  return events;
}

describe('server-sent events', () => {
  it('joins an event split across chunks, even inside its JSON', async () => {
    expect(await eventsOf(['event: te', 'xt\ndata: {"del', 'ta":"Hel', 'lo"}\n', '\n'])).toEqual([{ event: 'text', data: '{"delta":"Hello"}' }]);
  });

  it('reads several events from one chunk, in order', async () => {
    const chunk = 'event: text\ndata: {"delta":"a"}\n\nevent: tool-call\ndata: {"name":"x","input":{},"ok":true}\n\nevent: done\ndata: {}\n\n';
    expect((await eventsOf([chunk])).map((event) => event.event)).toEqual(['text', 'tool-call', 'done']);
  });

  it('keeps an error event with its data, and ignores comments and CRLF line ends', async () => {
    const events = await eventsOf([': keep-alive\r\n\r\nevent: error\r\ndata: {"status":504,"message":"timed out"}\r\n\r\n']);
    expect(events).toEqual([{ event: 'error', data: '{"status":504,"message":"timed out"}' }]);
  });

  it('does not lose a multi-byte character split between chunks', async () => {
    const bytes = new TextEncoder().encode('event: text\ndata: {"delta":"é"}\n\n');
    const split = bytes.indexOf(0xc3) + 1;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, split));
        controller.enqueue(bytes.slice(split));
        controller.close();
      },
    });
    const events: ServerSentEvent[] = [];
    await readServerSentEvents(stream, (event) => events.push(event));
    expect(events).toEqual([{ event: 'text', data: '{"delta":"é"}' }]);
  });

  it('waits for the blank line before answering an event', () => {
    const parse = createSseParser();
    expect(parse('event: done\ndata: {}\n')).toEqual([]);
    expect(parse('\n')).toEqual([{ event: 'done', data: '{}' }]);
  });
});

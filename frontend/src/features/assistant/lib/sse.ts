/** One server-sent event: its name (`message` when the server gave none) and its data lines joined. */
export type ServerSentEvent = { event: string; data: string };

/**
 * Reads server-sent events from text that arrives in arbitrary pieces: an event may be split across chunks, and one
 * chunk may hold several events. Returns a function fed each chunk; it answers the events that chunk completed.
 */
export function createSseParser(): (chunk: string) => ServerSentEvent[] {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    const events: ServerSentEvent[] = [];
    // Events end with a blank line; whatever follows the last one waits for the next chunk.
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const event = parseBlock(block);
      if (event) events.push(event);
    }
    return events;
  };
}

function parseBlock(block: string): ServerSentEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split(/\r?\n/)) {
    // Lines starting with ':' are comments (keep-alives).
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length > 0 ? { event, data: data.join('\n') } : null;
}

/** Every event of a byte stream, in order, as it arrives; resolves when the stream ends. */
export async function readServerSentEvents(stream: ReadableStream<Uint8Array>, onEvent: (event: ServerSentEvent) => void): Promise<void> {
  const parse = createSseParser();
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const event of parse(decoder.decode(value, { stream: true }))) onEvent(event);
    }
    for (const event of parse(`${decoder.decode()}\n\n`)) onEvent(event);
  } finally {
    reader.releaseLock();
  }
}

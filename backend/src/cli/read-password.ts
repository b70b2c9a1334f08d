/** Reads a password piped on stdin (never from argv, where other users of the machine could see it in ps). */
export async function readPasswordFromStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new Error('pipe the password on stdin, e.g.: printf %s "$PASSWORD" | pnpm inspector user:create alice');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new Error('no password on stdin');
  return password;
}

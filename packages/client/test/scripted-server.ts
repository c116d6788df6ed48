import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the scripted server saw of one request. */
export type SeenRequest = {
  headers: IncomingMessage['headers'];
  body: { query: string; variables: unknown };
};

/** One scripted answer: a status, headers and a JSON body; or `drop` to cut the connection. */
export type ScriptedAnswer =
  { status: number; headers?: Record<string, string>; body: unknown } | { drop: true } | { hang: true };

/**
 * A real HTTP server on loopback that answers each request with the next scripted answer (the
 * last one repeats), and records what it received: the client's retries are tested over real
 * sockets, with no timer racing the assertions.
 */
export async function startScriptedServer(script: ScriptedAnswer[]) {
  const seen: SeenRequest[] = [];
  const hanging: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      const answer = script[Math.min(seen.length - 1, script.length - 1)];
      if (answer === undefined || 'drop' in answer) {
        req.socket.destroy();
        return;
      }
      if ('hang' in answer) {
        hanging.push(res);
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    seen,
    async close(): Promise<void> {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A successful GraphQL answer. */
export const ok = (data: unknown): ScriptedAnswer => ({ status: 200, body: { data } });

/** A GraphQL answer with one error of `code`. */
export const failure = (code: string, status = 200, headers?: Record<string, string>): ScriptedAnswer => ({
  status,
  headers,
  body: { data: null, errors: [{ message: `refused: ${code}`, extensions: { code } }] },
});

import { connect } from 'node:net';

/** Whether something accepts TCP connections on `host:port` (subgraphs listen on 127.0.0.1). */
export function portAnswers(port: number, host = '127.0.0.1', timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    const settle = (answers: boolean) => {
      socket.destroy();
      resolve(answers);
    };
    socket.setTimeout(timeoutMs, () => settle(false));
    socket.once('connect', () => settle(true));
    socket.once('error', () => settle(false));
  });
}

/** The subgraphs that answer on their configured port, as `<name> on 127.0.0.1:<port>`. */
export async function answeringSubgraphs(ports: ReadonlyArray<{ name: string; port: number }>): Promise<string[]> {
  const answers = await Promise.all(ports.map(({ port }) => portAnswers(port)));
  return ports.filter((_, i) => answers[i]).map(({ name, port }) => `${name} on 127.0.0.1:${port}`);
}

/**
 * A load balancer for tests, as nginx or HAProxy would be in front of several instances: a TCP
 * proxy that hands each new connection to the next instance in turn, skipping any that refuses it.
 * No sticky sessions: a client that reconnects may land anywhere. The benchmark harness runs the same
 * one in front of several instances (in its own process, so its CPU is the harness's).
 */
import net from 'node:net';

/** A running balancer. */
export interface Balancer {
  url: string;
  close(): Promise<void>;
}

/** Starts a balancer on a free loopback port in front of `backends` (http://host:port URLs). */
export async function startBalancer(backends: string[]): Promise<Balancer> {
  const targets = backends.map((b) => new URL(b));
  const open = new Set<net.Socket>();
  let next = 0;
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    // Small frames go out at once, as they would from a proxy tuned for WebSockets.
    client.setNoDelay(true);
    client.pause();
    const attempt = (tries: number) => {
      if (tries >= targets.length) return client.destroy();
      const target = targets[next++ % targets.length];
      const upstream = net.connect(Number(target.port), target.hostname);
      upstream.once('connect', () => {
        open.add(upstream);
        upstream.setNoDelay(true);
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
      upstream.once('error', () => attempt(tries + 1));
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

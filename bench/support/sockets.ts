import { io, Socket } from 'socket.io-client';

/** A websocket-only socket.io client of the field, connected (or rejected with the connect error). */
export function connect(url: string, namespace: string, token: string): Promise<Socket> {
  const socket = io(`${url}${namespace}`, { transports: ['websocket'], auth: { token }, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

import type { Evaluation, Session, WatchClientToServerEvents, WatchServerToClientEvents } from '@app/contract';
import { EVALUATION_COMPLETED_EVENT, SUBSCRIBE_EVENT, WATCH_NAMESPACE } from '@app/contract';
import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useSession } from '../auth/session';

type WatchSocket = Socket<WatchServerToClientEvents<Session, Evaluation>, WatchClientToServerEvents>;

/** The subscription also carries the robot's telemetry; this view wants none of it, so as little as the field allows. */
const TELEMETRY_HZ = 0.1;

/**
 * While `watching`, listens on `/watch` for the robot's `evaluation.completed`. The event bus
 * delivers at most once, so callers also poll; this only makes the answer arrive at once.
 */
export function useEvaluationCompleted(
  robotId: string,
  watching: boolean,
  onCompleted: (evaluation: Evaluation) => void,
): void {
  const { accessToken } = useSession();
  const handler = useRef(onCompleted);
  useEffect(() => {
    handler.current = onCompleted;
  }, [onCompleted]);

  useEffect(() => {
    if (!watching) return;
    const socket: WatchSocket = io(WATCH_NAMESPACE, {
      transports: ['websocket'],
      auth: (callback) => callback({ token: accessToken() ?? '' }),
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
    });
    socket.on('connect', () => {
      socket.emit(SUBSCRIBE_EVENT, { robotId, maxHz: TELEMETRY_HZ }, () => undefined);
    });
    socket.on(EVALUATION_COMPLETED_EVENT, (evaluation) => {
      if (evaluation.robotId === robotId) handler.current(evaluation);
    });
    return () => {
      socket.close();
    };
  }, [robotId, watching, accessToken]);
}

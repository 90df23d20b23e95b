/** Names on the wire of the two socket.io namespaces (CONTRACT.md, Telemetry). */

export const ROBOT_NAMESPACE = '/robot';
export const WATCH_NAMESPACE = '/watch';

/** Event names of both namespaces. */
export const TELEMETRY_EVENT = 'telemetry';
export const SUBSCRIBE_EVENT = 'subscribe';
export const UNSUBSCRIBE_EVENT = 'unsubscribe';
export const SESSION_UPDATED_EVENT = 'session.updated';
export const EVALUATION_COMPLETED_EVENT = 'evaluation.completed';

/** The `connect_error` message of a refused handshake (bad device or access token). */
export const UNAUTHORIZED_CONNECT_ERROR = 'unauthorized';

/**
 * The `connect_error` message of a handshake the field could not check because PostgreSQL or Redis
 * is away: the credential was not refused, so clients keep retrying.
 */
export const UNAVAILABLE_CONNECT_ERROR = 'unavailable';

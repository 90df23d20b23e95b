/**
 * How the access guard and the robot socket recognise a robot by its device token. Enrollment
 * implements it; the port lives here so that identity and telemetry need not depend on enrollment.
 */
export interface DeviceTokenVerifier {
  /** The robot the token belongs to, or null for an unknown or revoked token. */
  robotIdForToken(token: string): Promise<string | null>;
}

export const DEVICE_TOKEN_VERIFIER = Symbol('DEVICE_TOKEN_VERIFIER');

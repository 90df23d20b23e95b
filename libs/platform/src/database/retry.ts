import { PG, pgError } from '../errors/pg-errors';

const TRANSIENT = new Set<string>([PG.deadlockDetected, PG.serializationFailure]);

/**
 * Runs a transaction again when PostgreSQL aborted it as a deadlock victim or for a serialisation
 * failure: both mean "try again", and neither may reach a client as a 500.
 */
export async function retryTransient<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !TRANSIENT.has(pgError(error)?.code ?? '')) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

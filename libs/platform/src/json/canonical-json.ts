import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** RFC 8785 (JSON Canonicalization Scheme): the exact bytes that are hashed and signed. */
export function canonicalJsonBytes(value: unknown): Buffer {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('the value cannot be canonicalised');
  return Buffer.from(text, 'utf8');
}

/** Hex SHA-256 of the canonical bytes. */
export function canonicalDigest(value: unknown): string {
  return createHash('sha256').update(canonicalJsonBytes(value)).digest('hex');
}

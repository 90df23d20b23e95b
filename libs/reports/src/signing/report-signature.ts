import { KeyObject, sign, verify } from 'node:crypto';
import { canonicalBytes, ReportDocument } from '../document/report-document';

/** Base64 Ed25519 signature of the document's canonical bytes. */
export function signDocument(document: ReportDocument, privateKey: KeyObject): string {
  return sign(null, canonicalBytes(document), privateKey).toString('base64');
}

export function verifyDocument(document: ReportDocument, signature: string, publicKey: KeyObject): boolean {
  try {
    return verify(null, canonicalBytes(document), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { SAMPLE_DOCUMENT, SAMPLE_DOCUMENT_V1 } from '../../../../test/fixtures/sample-report-document';
import { signDocument, verifyDocument } from '../signing/report-signature';
import { canonicalBytes, digestOf, examsOf } from './report-document';

describe('report documents', () => {
  it('canonicalise per RFC 8785: sorted keys, no whitespace, whatever the key order in memory', () => {
    const reordered = JSON.parse(JSON.stringify(SAMPLE_DOCUMENT, Object.keys(SAMPLE_DOCUMENT).reverse()));
    const bytes = canonicalBytes(SAMPLE_DOCUMENT).toString('utf8');
    expect(bytes.startsWith('{"cohort":{"id":"')).toBe(true);
    expect(bytes).not.toMatch(/\s"|":\s/);
    expect(digestOf({ ...reordered, ...SAMPLE_DOCUMENT })).toBe(digestOf(SAMPLE_DOCUMENT));
    expect(digestOf(SAMPLE_DOCUMENT)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs with Ed25519 over the canonical bytes; one changed character breaks it', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signature = signDocument(SAMPLE_DOCUMENT, privateKey);
    expect(verifyDocument(SAMPLE_DOCUMENT, signature, publicKey)).toBe(true);
    const spki = createPublicKey(publicKey.export({ type: 'spki', format: 'pem' }));
    expect(verify(null, canonicalBytes(SAMPLE_DOCUMENT), spki, Buffer.from(signature, 'base64'))).toBe(true);
    const tampered = { ...SAMPLE_DOCUMENT, robot: { ...SAMPLE_DOCUMENT.robot, name: '行者二号' } };
    expect(verifyDocument(tampered, signature, publicKey)).toBe(false);
  });

  it('signs the exams a version 2 document carries; a version 1 document, without them, still verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const signature = signDocument(SAMPLE_DOCUMENT, privateKey);
    const [exam] = SAMPLE_DOCUMENT.exams;
    const otherHead = { ...SAMPLE_DOCUMENT, exams: [{ ...exam, ledgerHead: exam.ledgerHead.replace('5', '6') }] };
    expect(verifyDocument(otherHead, signature, publicKey)).toBe(false);
    expect(canonicalBytes(SAMPLE_DOCUMENT).toString('utf8')).toContain(`"exams":[{"decision":"passed","examId"`);

    const old = signDocument(SAMPLE_DOCUMENT_V1, privateKey);
    expect(verifyDocument(JSON.parse(JSON.stringify(SAMPLE_DOCUMENT_V1)), old, publicKey)).toBe(true);
    expect(canonicalBytes(SAMPLE_DOCUMENT_V1).toString('utf8')).not.toContain('"exams"');
    expect(examsOf(SAMPLE_DOCUMENT_V1)).toEqual([]);
    expect(examsOf(SAMPLE_DOCUMENT)).toEqual([exam]);
  });
});

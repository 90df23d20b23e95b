import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { FIELD_CONFIG, FieldConfig, InstallSettingsService } from '@app/platform';

/**
 * The Ed25519 key that signs reports: FIELD_SIGNING_KEY, or else one generated at the install's first
 * start and kept in the database, so every process signs with the same key. Only the public key is
 * ever served.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private privateKey: KeyObject | null = null;
  private publicKey: KeyObject | null = null;

  constructor(
    private readonly settings: InstallSettingsService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    const pem =
      this.config.signingKeyPem ??
      (await this.settings.getOrCreate('report_signing_key', () =>
        generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ));
    this.privateKey = createPrivateKey(pem);
    this.publicKey = createPublicKey(this.privateKey);
  }

  get signingKey(): KeyObject {
    if (!this.privateKey) throw new Error('the signing key is not loaded yet');
    return this.privateKey;
  }

  get verifyingKey(): KeyObject {
    if (!this.publicKey) throw new Error('the signing key is not loaded yet');
    return this.publicKey;
  }

  /** SubjectPublicKeyInfo PEM, as `GET /verify/public-key` serves it. */
  publicKeyPem(): string {
    return this.verifyingKey.export({ type: 'spki', format: 'pem' }).toString();
  }
}

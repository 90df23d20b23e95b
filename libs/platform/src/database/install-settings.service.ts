import { Injectable } from '@nestjs/common';
import { InstallSettingsRepository } from './install-settings.repository';

/**
 * Values generated once per install (the JWT secret, the signing key). Several processes may start
 * together: the first insert wins and everyone reads the winner's value.
 */
@Injectable()
export class InstallSettingsService {
  constructor(private readonly settings: InstallSettingsRepository) {}

  async getOrCreate(name: string, generate: () => string): Promise<string> {
    await this.settings.insertIfAbsent(name, generate());
    return (await this.settings.valueOf(name)) as string;
  }
}

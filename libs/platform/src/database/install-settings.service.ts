import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * Values generated once per install (the JWT secret, the signing key). Several processes may start
 * together: the first insert wins and everyone reads the winner's value.
 */
@Injectable()
export class InstallSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async getOrCreate(name: string, generate: () => string): Promise<string> {
    await this.dataSource.query(
      'INSERT INTO install_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, generate()],
    );
    const rows: { value: string }[] = await this.dataSource.query(
      'SELECT value FROM install_settings WHERE name = $1',
      [name],
    );
    return rows[0].value;
  }
}

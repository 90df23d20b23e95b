import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { InstallSettingsRow } from '../rows.generated';

@Injectable()
export class InstallSettingsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The first insert of a name wins; later ones change nothing. */
  async insertIfAbsent(name: string, value: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO install_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
      [name, value],
    );
  }

  async valueOf(name: string): Promise<string | null> {
    const rows: Pick<InstallSettingsRow, 'value'>[] = await this.dataSource.query(
      'SELECT value FROM install_settings WHERE name = $1',
      [name],
    );
    return rows[0]?.value ?? null;
  }
}

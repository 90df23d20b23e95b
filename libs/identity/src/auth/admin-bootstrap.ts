import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FIELD_CONFIG, FieldConfig } from '@app/platform';
import { UsersService } from '../users/users.service';

/** Creates the first administrator from FIELD_ADMIN_EMAIL / FIELD_ADMIN_PASSWORD when that user does not exist. */
@Injectable()
export class AdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrap.name);

  constructor(
    private readonly users: UsersService,
    @Inject(FIELD_CONFIG) private readonly config: FieldConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.adminEmail || !this.config.adminPassword) return;
    if (await this.users.ensureAdmin(this.config.adminEmail, this.config.adminPassword)) {
      this.logger.log(`created the administrator ${this.config.adminEmail}`);
    }
  }
}

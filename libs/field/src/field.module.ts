import { Module } from '@nestjs/common';
import { BaysController } from './bays/bays.controller';
import { BaysRepository } from './bays/bays.repository';
import { BaysService } from './bays/bays.service';
import { CohortsController } from './cohorts/cohorts.controller';
import { CohortsRepository } from './cohorts/cohorts.repository';
import { CohortsService } from './cohorts/cohorts.service';
import { SitesController } from './sites/sites.controller';
import { SitesRepository } from './sites/sites.repository';
import { SitesService } from './sites/sites.service';
import { VendorsController } from './vendors/vendors.controller';
import { VendorsRepository } from './vendors/vendors.repository';
import { VendorsService } from './vendors/vendors.service';

/** The field's structure: sites, scenario bays, vendors and cohorts. */
@Module({
  providers: [
    SitesRepository,
    SitesService,
    BaysRepository,
    BaysService,
    VendorsRepository,
    VendorsService,
    CohortsRepository,
    CohortsService,
  ],
  exports: [SitesService, BaysService, VendorsService, CohortsService],
})
export class FieldModule {}

@Module({
  imports: [FieldModule],
  controllers: [SitesController, BaysController, VendorsController, CohortsController],
})
export class FieldHttpModule {}

import { Module } from '@nestjs/common';
import { BaysController } from './bays/bays.controller';
import { BaysService } from './bays/bays.service';
import { CohortsController } from './cohorts/cohorts.controller';
import { CohortsService } from './cohorts/cohorts.service';
import { SitesController } from './sites/sites.controller';
import { SitesService } from './sites/sites.service';
import { VendorsController } from './vendors/vendors.controller';
import { VendorsService } from './vendors/vendors.service';

/** The field's structure: sites, scenario bays, vendors and cohorts. */
@Module({
  providers: [SitesService, BaysService, VendorsService, CohortsService],
  exports: [SitesService, BaysService, VendorsService, CohortsService],
})
export class FieldModule {}

@Module({
  imports: [FieldModule],
  controllers: [SitesController, BaysController, VendorsController, CohortsController],
})
export class FieldHttpModule {}

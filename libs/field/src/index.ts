export { FieldModule, FieldHttpModule } from './field.module';
export { SitesService } from './sites/sites.service';
export { BaysService } from './bays/bays.service';
export { VendorsService } from './vendors/vendors.service';
export { CohortsService } from './cohorts/cohorts.service';

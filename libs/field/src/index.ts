import { BayEntity } from './bays/bay.entity';
import { CohortEntity } from './cohorts/cohort.entity';
import { SiteEntity } from './sites/site.entity';
import { VendorEntity } from './vendors/vendor.entity';

export { FieldModule, FieldHttpModule } from './field.module';
export { SitesService } from './sites/sites.service';
export { BaysService } from './bays/bays.service';
export { VendorsService } from './vendors/vendors.service';
export { CohortsService } from './cohorts/cohorts.service';

export const FIELD_ENTITIES = [SiteEntity, BayEntity, VendorEntity, CohortEntity];

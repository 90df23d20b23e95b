/** Enumerations of the public contract; the database CHECKs use the same values. */

export const ROLES = ['admin', 'operator', 'engineer', 'vendor'] as const;
export type Role = (typeof ROLES)[number];

/** The field's three scenario domains: 商贸文旅, 社会民生, 工业制造. */
export const DOMAINS = ['commerce_culture_tourism', 'social_livelihood', 'industrial_manufacturing'] as const;
export type Domain = (typeof DOMAINS)[number];

export const SITE_KINDS = ['main', 'branch', 'scenario'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

export const BAY_MODES = ['physical', 'virtual'] as const;
export type BayMode = (typeof BAY_MODES)[number];

export const BAY_STATUSES = ['open', 'maintenance'] as const;
export type BayStatus = (typeof BAY_STATUSES)[number];

export const ROBOT_FORMS = [
  'humanoid',
  'wheeled_humanoid',
  'quadruped',
  'mobile_manipulator',
  'robot_arm',
  'amr',
  'service',
  'other',
] as const;
export type RobotForm = (typeof ROBOT_FORMS)[number];

export const ROBOT_STATUSES = ['applied', 'enrolled', 'rejected', 'graduated', 'withdrawn'] as const;
export type RobotStatus = (typeof ROBOT_STATUSES)[number];

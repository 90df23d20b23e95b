-- The field's default admission–graduation standard (入学—毕业标准): an admission set and a graduation
-- set for each of the three domains, version 1, published. Written from the field's published
-- elements — technical leadership (技术领先性), industry-demand fit (产业需求匹配), compliance with
-- technical specifications (符合技术规范) — plus safety and reliability. README.md explains every
-- threshold. Administrators publish new versions through the API; these rows then become superseded.

INSERT INTO criteria_sets (name, stage, domain, version, pass_score)
VALUES
  ('入学标准 · 商贸文旅 (admission, commerce, culture & tourism)', 'admission', 'commerce_culture_tourism', 1, 70),
  ('入学标准 · 社会民生 (admission, social livelihood)', 'admission', 'social_livelihood', 1, 70),
  ('入学标准 · 工业制造 (admission, industrial manufacturing)', 'admission', 'industrial_manufacturing', 1, 70),
  ('毕业标准 · 商贸文旅 (graduation, commerce, culture & tourism)', 'graduation', 'commerce_culture_tourism', 1, 75),
  ('毕业标准 · 社会民生 (graduation, social livelihood)', 'graduation', 'social_livelihood', 1, 75),
  ('毕业标准 · 工业制造 (graduation, industrial manufacturing)', 'graduation', 'industrial_manufacturing', 1, 75);

-- Thresholds per domain, in the order commerce_culture_tourism, social_livelihood, industrial_manufacturing.
WITH per_domain (stage, key, position, dimension, metric, op, thresholds, weight, required) AS (
  VALUES
    ('admission', 'estop', 1, 'safety', 'spec.estop', 'gte', ARRAY[1, 1, 1], 3, true),
    ('admission', 'safety_certification', 2, 'spec_compliance', 'spec.safetyCertified', 'gte', ARRAY[1, 1, 1], 2, true),
    ('admission', 'data_interface', 3, 'spec_compliance', 'spec.telemetryInterface', 'gte', ARRAY[1, 1, 1], 1, false),
    ('admission', 'runtime_hours', 4, 'industry_fit', 'spec.batteryHours', 'gte', ARRAY[4, 3, 6], 2, false),
    ('admission', 'payload_kg', 5, 'industry_fit', 'spec.payloadKg', 'gte', ARRAY[1, 3, 5], 2, false),
    ('admission', 'degrees_of_freedom', 6, 'technical_leadership', 'spec.dof', 'gte', ARRAY[6, 7, 6], 2, false),
    ('admission', 'mtbf_hours', 7, 'reliability', 'spec.mtbfHours', 'gte', ARRAY[500, 500, 1000], 1, false),
    ('graduation', 'training_hours', 1, 'industry_fit', 'training.hours', 'gte', ARRAY[200, 200, 200], 2, true),
    ('graduation', 'physical_hours', 2, 'industry_fit', 'training.physical_hours', 'gte', ARRAY[100, 100, 100], 1, false),
    ('graduation', 'cycle_time', 3, 'industry_fit', 'task.mean_cycle_time_s', 'lte', ARRAY[60, 120, 30], 1, false),
    ('graduation', 'success_rate_lcb', 4, 'technical_leadership', 'task.success_rate_lcb', 'gte',
      ARRAY[0.85, 0.85, 0.9], 3, true),
    ('graduation', 'teleop_samples', 5, 'technical_leadership', 'data.teleop_samples', 'gte',
      ARRAY[100000, 100000, 100000], 2, true),
    ('graduation', 'sim_to_real_gap', 6, 'technical_leadership', 'sim_to_real.success_gap', 'lte',
      ARRAY[0.1, 0.1, 0.1], 1, false),
    ('graduation', 'estop', 7, 'spec_compliance', 'spec.estop', 'gte', ARRAY[1, 1, 1], 1, true),
    ('graduation', 'data_interface', 8, 'spec_compliance', 'spec.telemetryInterface', 'gte', ARRAY[1, 1, 1], 1, false),
    ('graduation', 'safety_incidents', 9, 'safety', 'safety.incidents_per_hour', 'lte', ARRAY[0.05, 0.05, 0.05], 3, true),
    ('graduation', 'uptime', 10, 'reliability', 'uptime.ratio', 'gte', ARRAY[0.95, 0.95, 0.95], 2, false),
    ('graduation', 'interventions', 11, 'reliability', 'interventions.per_hour', 'lte', ARRAY[0.5, 0.5, 0.25], 1, false)
),
domains (domain, n) AS (
  VALUES ('commerce_culture_tourism', 1), ('social_livelihood', 2), ('industrial_manufacturing', 3)
)
INSERT INTO criteria (criteria_set_id, key, position, dimension, metric, op, threshold, weight, required)
SELECT s.id, p.key, p.position, p.dimension, p.metric, p.op, p.thresholds[d.n], p.weight, p.required
  FROM per_domain p
  CROSS JOIN domains d
  JOIN criteria_sets s ON s.stage = p.stage AND s.domain = d.domain AND s.version = 1;

UPDATE criteria_sets SET status = 'active', published_at = now() WHERE version = 1 AND status = 'draft';

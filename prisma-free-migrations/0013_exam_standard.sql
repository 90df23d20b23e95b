-- Graduation by exam (issue 17): the default graduation set of each domain now also requires a passed
-- exam of the domain's core task (exam.passed:<task> = 1), trials judged by the field's examiners
-- rather than reported by the robot. A published set never changes, so each default set gets a new
-- version, its criteria plus the exam, published in its place as the API would publish it. A line
-- whose default an administrator has already replaced keeps the administrator's set.
DO $$
DECLARE
  core record;
  previous criteria_sets;
  next_id uuid;
BEGIN
  FOR core IN
    SELECT * FROM (VALUES
      ('commerce_culture_tourism', 'guide_tour'),
      ('social_livelihood', 'fetch_item'),
      ('industrial_manufacturing', 'pick_place')
    ) AS c (domain, task_key)
  LOOP
    SELECT * INTO previous FROM criteria_sets
     WHERE stage = 'graduation' AND domain = core.domain AND status = 'active'
       AND version = 1 AND created_by IS NULL
       FOR UPDATE;
    CONTINUE WHEN NOT FOUND;

    INSERT INTO criteria_sets (name, stage, domain, version, pass_score)
    VALUES (previous.name, 'graduation', core.domain,
            (SELECT max(version) + 1 FROM criteria_sets WHERE stage = 'graduation' AND domain = core.domain),
            previous.pass_score)
    RETURNING id INTO next_id;

    INSERT INTO criteria (criteria_set_id, key, position, dimension, metric, op, threshold, weight, required)
    SELECT next_id, key, position, dimension, metric, op, threshold, weight, required
      FROM criteria WHERE criteria_set_id = previous.id;
    INSERT INTO criteria (criteria_set_id, key, position, dimension, metric, op, threshold, weight, required)
    SELECT next_id, 'core_task_exam', max(position) + 1, 'technical_leadership', 'exam.passed:' || core.task_key,
           'gte', 1, 3, true
      FROM criteria WHERE criteria_set_id = previous.id;

    -- Superseded first: one active set per (stage, domain) holds at every statement.
    UPDATE criteria_sets SET status = 'superseded', superseded_at = now() WHERE id = previous.id;
    UPDATE criteria_sets SET status = 'active', published_at = now() WHERE id = next_id;
  END LOOP;
END
$$;

import type { Evaluation, Exam, Robot } from '@app/contract';
import { STUDENTS, StudentSpec } from './catalog';
import type { FieldClient } from './field-client';

export interface Student {
  spec: StudentSpec;
  robot: Robot;
  token: string | null;
  admission: Evaluation | null;
  /** Its exam on its domain's core task, before the graduation evaluation. */
  exam: Exam | null;
  graduation: Evaluation | null;
  reportNumber: string | null;
}

/** Registers the cohort's robots (serials carry the run, so runs never collide) with device tokens. */
export async function enrolStudents(
  operator: FieldClient,
  vendorIds: ReadonlyMap<string, string>,
  cohortId: string,
  run: number,
): Promise<Student[]> {
  const students: Student[] = [];
  for (const spec of STUDENTS) {
    const robot = await operator.post<Robot>('/robots', {
      serialNumber: `MY1-${String(run).padStart(2, '0')}-${spec.key}`,
      name: spec.name,
      vendorId: vendorIds.get(spec.vendor),
      model: spec.model,
      form: spec.form,
      domains: [spec.domain],
      specs: spec.specs,
      cohortId,
    });
    students.push({ spec, robot, token: null, admission: null, exam: null, graduation: null, reportNumber: null });
  }
  return students;
}

/** Asks for an evaluation and waits for the scoring job to finish it. */
export async function evaluate(
  client: FieldClient,
  robotId: string,
  stage: 'admission' | 'graduation',
): Promise<Evaluation> {
  const queued = await client.post<Evaluation>(`/robots/${robotId}/evaluations`, { stage });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const evaluation = await client.get<Evaluation>(`/evaluations/${queued.id}`);
    if (evaluation.status === 'completed' || evaluation.status === 'failed') return evaluation;
    if (Date.now() > deadline)
      throw new Error(`the ${stage} evaluation of robot ${robotId} did not finish within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Why an evaluation did not pass, in a line: the failed criteria (required ones first) with the
 * measured value against the threshold; the full explanations are in the API and the dashboard.
 */
export function failedCriteria(evaluation: Evaluation): string {
  if (evaluation.status === 'failed') return evaluation.failureReason ?? 'the evaluation failed';
  return evaluation.results
    .filter((result) => !result.passed)
    .sort((a, b) => Number(b.required) - Number(a.required))
    .map((result) => {
      const measured = result.value === null ? 'no data' : formatValue(result.value);
      const wanted = `${result.op === 'gte' ? '≥' : '≤'} ${formatValue(result.threshold)}`;
      return `${result.key}${result.required ? '（必须 required）' : ''} ${measured}, needs ${wanted}`;
    })
    .join('; ');
}

const formatValue = (value: number) => String(Number(value.toPrecision(3)));

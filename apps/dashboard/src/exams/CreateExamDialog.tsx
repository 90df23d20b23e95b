import { waldAverageSampleNumber, type Exam } from '@app/contract';
import { Alert, Col, Descriptions, Form, InputNumber, Row, Select, type FormInstance } from 'antd';
import { useRobotDirectory, useTaskCatalogue } from '../api/reference';
import { useApi } from '../auth/session';
import { FormModal } from '../components/FormModal';
import { formatNumber } from '../format';
import { useT } from '../i18n/i18n';

interface ExamForm {
  robotId: string;
  taskKey: string;
  p0: number;
  p1: number;
  alpha: number;
  beta: number;
  maxTrials: number;
  seed?: number | null;
}

const DEFAULTS: Partial<ExamForm> = { p0: 0.6, p1: 0.8, alpha: 0.05, beta: 0.05, maxTrials: 60 };
const FIELDS = ['robotId', 'taskKey', 'p0', 'p1', 'alpha', 'beta', 'maxTrials', 'seed'] as const;

interface Props {
  open: boolean;
  onClose: () => void;
  onCreated: (exam: Exam) => void;
  /** A robot already chosen (from its profile). */
  robotId?: string;
}

/** Pre-registers an exam: robot, task and SPRT protocol, with its expected length shown before it starts. */
export function CreateExamDialog({ open, onClose, onCreated, robotId }: Props) {
  const t = useT();
  const api = useApi();
  const robots = useRobotDirectory();
  const tasks = useTaskCatalogue();
  const enrolled = robots.items.filter((robot) => robot.status === 'enrolled');
  return (
    <FormModal<ExamForm, Exam>
      title={t('exams.create')}
      open={open}
      onClose={onClose}
      fields={FIELDS}
      initialValues={{ ...DEFAULTS, robotId }}
      okText={t('exams.start')}
      submit={({ robotId: robot, taskKey, seed, ...protocol }) =>
        api.exams.create({
          robotId: robot,
          taskKey,
          protocol: { method: 'sprt', ...protocol },
          ...(seed === null || seed === undefined ? {} : { seed }),
        })
      }
      onDone={onCreated}
      testId="create-exam"
    >
      {(form) => (
        <>
          <Form.Item name="robotId" label={t('exams.robot')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={robots.isPending}
              data-testid="exam-robot"
              options={enrolled.map((robot) => ({ value: robot.id, label: `${robot.name} (${robot.serialNumber})` }))}
            />
          </Form.Item>
          <Form.Item name="taskKey" label={t('exams.task')} rules={[{ required: true }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={tasks.isPending}
              data-testid="exam-task"
              options={tasks.items.map((task) => ({
                value: task.key,
                label: `${task.name} (${task.key})`,
              }))}
            />
          </Form.Item>
          <Row gutter={12}>
            <Col span={8}>
              <ProbabilityField name="p0" label={t('exams.p0')} />
            </Col>
            <Col span={8}>
              <ProbabilityField name="p1" label={t('exams.p1')} />
            </Col>
            <Col span={8}>
              <Form.Item name="maxTrials" label={t('exams.maxTrials')} rules={[{ required: true }]}>
                <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <ErrorRateField name="alpha" label={t('exams.alpha')} />
            </Col>
            <Col span={8}>
              <ErrorRateField name="beta" label={t('exams.beta')} />
            </Col>
            <Col span={8}>
              <Form.Item name="seed" label={t('exams.seed')} tooltip={t('exams.seedHint')}>
                <InputNumber min={0} max={2 ** 31 - 1} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <ExpectedTrials form={form} />
        </>
      )}
    </FormModal>
  );
}

function ProbabilityField({ name, label }: { name: 'p0' | 'p1'; label: string }) {
  const t = useT();
  // Checked here too: the field's refusal would name `protocol.p1`, which is no field of this flat form.
  const aboveP0 = ({ getFieldValue }: Pick<FormInstance<ExamForm>, 'getFieldValue'>) => ({
    validator: (_: unknown, value: number | null) =>
      name === 'p0' || value === null || value > getFieldValue('p0')
        ? Promise.resolve()
        : Promise.reject(new Error(t('exams.p1AboveP0'))),
  });
  return (
    <Form.Item
      name={name}
      label={label}
      dependencies={name === 'p1' ? ['p0'] : []}
      rules={[{ required: true }, aboveP0]}
    >
      <InputNumber min={0.01} max={0.99} step={0.05} style={{ width: '100%' }} />
    </Form.Item>
  );
}

function ErrorRateField({ name, label }: { name: 'alpha' | 'beta'; label: string }) {
  return (
    <Form.Item name={name} label={label} rules={[{ required: true }]}>
      <InputNumber min={0.001} max={0.2} step={0.01} style={{ width: '100%' }} />
    </Form.Item>
  );
}

/** Wald's average sample number under p0 and under p1, so the examiner knows what the day holds. */
function ExpectedTrials({ form }: { form: FormInstance<ExamForm> }) {
  const t = useT();
  const values = Form.useWatch([], form) as Partial<ExamForm> | undefined;
  const { p0, p1, alpha, beta, maxTrials } = values ?? {};
  const valid =
    typeof p0 === 'number' &&
    typeof p1 === 'number' &&
    typeof alpha === 'number' &&
    typeof beta === 'number' &&
    typeof maxTrials === 'number' &&
    0 < p0 &&
    p0 < p1 &&
    p1 < 1 &&
    0 < alpha &&
    alpha <= 0.2 &&
    0 < beta &&
    beta <= 0.2;
  if (!valid) return <Alert type="warning" showIcon title={t('exams.protocolInvalid')} />;
  const asn = waldAverageSampleNumber({ p0, p1, alpha, beta, maxTrials });
  const expected = (trials: number) => formatNumber(Math.round(trials * 10) / 10);
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      title={t('exams.expected')}
      data-testid="expected-trials"
      items={[
        {
          key: 'p0',
          label: t('exams.expectedUnder', { p: p0 }),
          children: <span data-testid="asn-p0">{expected(asn.p0)}</span>,
        },
        {
          key: 'p1',
          label: t('exams.expectedUnder', { p: p1 }),
          children: <span data-testid="asn-p1">{expected(asn.p1)}</span>,
        },
        { key: 'max', label: t('exams.maxTrials'), children: maxTrials },
      ]}
    />
  );
}

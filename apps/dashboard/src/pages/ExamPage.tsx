import { useQuery } from '@tanstack/react-query';
import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { queryKeys, useRobotDirectory, useTaskCatalogue } from '../api/reference';
import { useApi } from '../auth/session';
import { LoadError } from '../components/errors';
import { ExamStatusTag } from '../components/labels';
import { PageHeader } from '../components/PageHeader';
import { ExamDecision } from '../exams/ExamDecision';
import { ExamTrials } from '../exams/ExamTrials';
import { LlrChart } from '../exams/LlrChart';
import { TrialRecorder } from '../exams/TrialRecorder';
import { useT } from '../i18n/i18n';

/** Other examiners may record on the same exam from their own tablets. */
const REFRESH_MS = 3_000;

/** The examiner's view of one exam, laid out for a tablet: record, see the decision, the path and the ledger. */
export default function ExamPage() {
  const { id = '' } = useParams();
  const t = useT();
  const api = useApi();
  const robots = useRobotDirectory();
  const tasks = useTaskCatalogue();
  const exam = useQuery({
    queryKey: [...queryKeys.exams, 'detail', id],
    queryFn: () => api.exams.get(id),
    refetchInterval: (query) => (query.state.data?.status === 'open' ? REFRESH_MS : false),
  });

  if (exam.isPending) return <Skeleton active />;
  if (exam.isError) return <LoadError error={exam.error} onRetry={() => void exam.refetch()} />;
  const robot = robots.byId.get(exam.data.robotId);
  const task = tasks.byKey.get(exam.data.taskKey);
  return (
    <>
      <PageHeader
        title={
          <Flex align="center" gap={12} wrap>
            <span data-testid="exam-title">
              {t('exam.title', { task: task?.name ?? exam.data.taskKey, robot: robot?.name ?? '' })}
            </span>
            <ExamStatusTag status={exam.data.status} />
          </Flex>
        }
        extra={<Link to={`/robots/${exam.data.robotId}`}>{t('exam.toRobot')}</Link>}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <TrialRecorder exam={exam.data} task={task} />
        </Col>
        <Col xs={24} lg={12}>
          <ExamDecision exam={exam.data} />
        </Col>
        <Col span={24}>
          <Card title={t('exam.path')}>
            <Typography.Paragraph type="secondary">{t('exam.pathHint')}</Typography.Paragraph>
            <LlrChart exam={exam.data} />
          </Card>
        </Col>
        <Col span={24}>
          <ExamTrials exam={exam.data} />
        </Col>
      </Row>
    </>
  );
}

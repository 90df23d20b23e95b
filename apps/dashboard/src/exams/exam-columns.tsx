import type { Exam, ExamStatus } from '@app/contract';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useRobotDirectory, useTaskCatalogue } from '../api/reference';
import { DateTime, ExamStatusTag } from '../components/labels';
import { useT } from '../i18n/i18n';

/** The columns of an exam list: the exam (linked to its examiner view), its status and progress. */
export function useExamColumns({ withRobot }: { withRobot: boolean }): TableColumnsType<Exam> {
  const t = useT();
  const robots = useRobotDirectory();
  const tasks = useTaskCatalogue();
  const columns: TableColumnsType<Exam> = [
    {
      title: t('exams.task'),
      dataIndex: 'taskKey',
      render: (taskKey: string, exam) => (
        <Link to={`/exams/${exam.id}`} data-testid="exam-link">
          {tasks.byKey.get(taskKey)?.name ?? taskKey}
        </Link>
      ),
    },
    {
      title: t('exams.status'),
      dataIndex: 'status',
      render: (status: ExamStatus) => <ExamStatusTag status={status} />,
    },
    {
      title: t('exams.trials'),
      key: 'trials',
      render: (_, exam) => t('exams.trialsOf', { count: exam.trials.length, max: exam.protocol.maxTrials }),
    },
    {
      title: t('exams.protocol'),
      dataIndex: 'protocol',
      render: (protocol: Exam['protocol']) => t('exams.protocolValue', protocol),
    },
    { title: t('common.createdAt'), dataIndex: 'createdAt', render: (iso: string) => <DateTime iso={iso} /> },
    { title: t('exams.decidedAt'), dataIndex: 'decidedAt', render: (iso: string | null) => <DateTime iso={iso} /> },
  ];
  if (withRobot) {
    columns.splice(1, 0, {
      title: t('exams.robot'),
      dataIndex: 'robotId',
      render: (robotId: string) => (
        <Link to={`/robots/${robotId}`}>{robots.byId.get(robotId)?.name ?? robotId.slice(0, 8)}</Link>
      ),
    });
  }
  return columns;
}

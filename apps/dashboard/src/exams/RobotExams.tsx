import type { Exam, Robot } from '@app/contract';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { may } from '../access';
import type { Cursor } from '../api/endpoints';
import { queryKeys } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { PagedTable } from '../components/PagedTable';
import { useT } from '../i18n/i18n';
import { CreateExamDialog } from './CreateExamDialog';
import { useExamColumns } from './exam-columns';

/** The robot's exams with their status, each linked to its examiner view; an enrolled robot can be examined. */
export function RobotExams({ robot }: { robot: Robot }) {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const exams = useInfiniteQuery({
    queryKey: [...queryKeys.exams, 'robot', robot.id],
    queryFn: ({ pageParam }) => api.exams.list({ robotId: robot.id }, pageParam, 20),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const columns = useExamColumns({ withRobot: false });
  const creates = may(user.role, 'POST /api/v1/exams') && robot.status === 'enrolled';
  return (
    <Card
      title={t('robot.exams')}
      extra={
        creates && (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="robot-new-exam">
            {t('exams.create')}
          </Button>
        )
      }
    >
      <PagedTable<Exam> query={exams} columns={columns} emptyText={t('robot.examsEmpty')} testId="robot-exams" />
      <CreateExamDialog
        open={creating}
        onClose={() => setCreating(false)}
        robotId={robot.id}
        onCreated={(exam) => {
          void queryClient.invalidateQueries({ queryKey: queryKeys.exams });
          void navigate(`/exams/${exam.id}`);
        }}
      />
    </Card>
  );
}

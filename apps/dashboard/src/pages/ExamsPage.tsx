import type { Exam, ExamStatus } from '@app/contract';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { may } from '../access';
import type { Cursor } from '../api/endpoints';
import { queryKeys, useRobotDirectory } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { PagedTable } from '../components/PagedTable';
import { PageHeader } from '../components/PageHeader';
import { EXAM_STATUSES, oneOf } from '../enums';
import { CreateExamDialog } from '../exams/CreateExamDialog';
import { useExamColumns } from '../exams/exam-columns';
import { useT } from '../i18n/i18n';
import { useUrlFilters } from '../url-filters';

/** Every exam the person may see, by robot and status; operators and admins pre-register new ones. */
export default function ExamsPage() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const robots = useRobotDirectory();
  const [creating, setCreating] = useState(false);
  const [params, setFilter] = useUrlFilters();
  const filters = {
    robotId: params.get('robotId') ?? undefined,
    status: oneOf(EXAM_STATUSES, params.get('status')),
  };
  const exams = useInfiniteQuery({
    queryKey: [...queryKeys.exams, 'list', filters],
    queryFn: ({ pageParam }) => api.exams.list(filters, pageParam),
    initialPageParam: undefined as Cursor,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const columns = useExamColumns({ withRobot: true });
  const creates = may(user.role, 'POST /api/v1/exams');

  return (
    <>
      <PageHeader
        title={t('exams.title')}
        extra={
          creates && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-exam">
              {t('exams.create')}
            </Button>
          )
        }
      />
      <Flex vertical gap={16}>
        {user.role === 'vendor' && <Alert type="info" showIcon title={t('exams.vendorScope')} />}
        <Card
          extra={
            <Flex gap={8} wrap>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                style={{ minWidth: 200 }}
                placeholder={t('exams.robot')}
                data-testid="filter-exam-robot"
                value={filters.robotId}
                onChange={(value?: string) => setFilter('robotId', value)}
                options={robots.items.map((robot) => ({ value: robot.id, label: robot.name }))}
              />
              <Select
                allowClear
                style={{ minWidth: 140 }}
                placeholder={t('exams.status')}
                data-testid="filter-exam-status"
                value={filters.status}
                onChange={(value?: ExamStatus) => setFilter('status', value)}
                options={EXAM_STATUSES.map((value) => ({ value, label: t(`examStatus.${value}`) }))}
              />
            </Flex>
          }
          title={t('exams.list')}
        >
          <PagedTable<Exam> query={exams} columns={columns} emptyText={t('exams.empty')} testId="exams" />
        </Card>
      </Flex>
      <CreateExamDialog
        open={creating}
        onClose={() => setCreating(false)}
        robotId={filters.robotId}
        onCreated={(exam) => {
          void queryClient.invalidateQueries({ queryKey: queryKeys.exams });
          void navigate(`/exams/${exam.id}`);
        }}
      />
    </>
  );
}

import type { Page } from '@app/contract';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useT } from '../i18n/i18n';
import { LoadError } from './errors';

interface PagedTableProps<Item extends { id: string }> {
  query: UseInfiniteQueryResult<InfiniteData<Page<Item>>>;
  columns: TableColumnsType<Item>;
  emptyText: string;
  testId?: string;
}

/** A keyset-paged list: the first page, then "load more" while the field has more. */
export function PagedTable<Item extends { id: string }>({ query, columns, emptyText, testId }: PagedTableProps<Item>) {
  const t = useT();
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isError && !query.data) return <LoadError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <>
      <Table<Item>
        data-testid={testId}
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={query.isPending || (query.isFetching && !query.isFetchingNextPage)}
        pagination={false}
        locale={{ emptyText }}
        scroll={{ x: 'max-content' }}
      />
      {query.isFetchNextPageError && (
        <div style={{ marginTop: 12 }}>
          <LoadError error={query.error} onRetry={() => void query.fetchNextPage()} />
        </div>
      )}
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">{t('common.shown', { count: items.length })}</Typography.Text>
        {query.hasNextPage && (
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </Flex>
    </>
  );
}

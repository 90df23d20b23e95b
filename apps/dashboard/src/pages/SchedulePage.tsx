import type { Bay, BookingConflict, Session, SessionAction, SessionKind, SessionStatus } from '@app/contract';
import {
  addDays,
  dayOf,
  instantOf,
  isCalendarDay,
  SESSION_KINDS,
  SESSION_STATUSES,
  type CalendarDay,
} from '@app/contract';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Segmented,
  Select,
  Skeleton,
  Spin,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { may } from '../access';
import { saveBlob } from '../api/download';
import { everyPage, PAGE_SIZE, queryKeys, useBayDirectory, useRobotDirectory, useSites } from '../api/reference';
import { useApi, useUser } from '../auth/session';
import { describeError, LoadError } from '../components/errors';
import { PageHeader } from '../components/PageHeader';
import { BAY_MODES, DOMAINS, oneOf } from '../enums';
import { useFieldInfo } from '../field-info';
import { formatDateTime, formatWindow } from '../format';
import { useT } from '../i18n/i18n';
import { BookingDialog, type BookingDraft } from '../schedule/BookingDialog';
import { CalendarFeedLinks } from '../schedule/CalendarFeedLinks';
import { BOARD_VIEWS, boardRange, type BoardView } from '../schedule/board-geometry';
import { bookingConflicts, conflictMarks } from '../schedule/conflicts';
import { ScheduleBoard, type Move } from '../schedule/ScheduleBoard';
import { SessionDetails } from '../schedule/SessionDetails';
import { blockStyle } from '../schedule/session-style';
import { useNow } from '../use-now';

type FilterName = 'siteId' | 'domain' | 'mode';

/** A refusal shown on the board: the sessions in the way, and what was attempted. */
interface BoardConflict {
  kind: 'book' | 'move' | 'start';
  detail: string;
  conflicts: BookingConflict[];
  attempt: Move | null;
  /** The dialog's values, to change the refused booking. */
  retry: BookingDraft | null;
}

const HOUR_MS = 3600_000;
const iso = (ms: number) => new Date(ms).toISOString();

export default function SchedulePage() {
  const t = useT();
  const api = useApi();
  const user = useUser();
  const { timeZone } = useFieldInfo();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const view: BoardView = oneOf(BOARD_VIEWS, params.get('view')) ?? 'day';
  const dateParam = params.get('date');
  const day = isCalendarDay(dateParam) ? dateParam : dayOf(now, timeZone);
  const filters = {
    siteId: params.get('siteId') ?? undefined,
    domain: oneOf(DOMAINS, params.get('domain')),
    mode: oneOf(BAY_MODES, params.get('mode')),
  };
  const showCancelled = params.get('cancelled') === '1';
  const range = useMemo(() => boardRange(view, day, timeZone), [view, day, timeZone]);

  const sites = useSites();
  const bays = useBayDirectory();
  const robots = useRobotDirectory();
  const sessionsKey = [...queryKeys.sessions, 'board', range.from, range.to];
  const sessions = useQuery({
    queryKey: sessionsKey,
    queryFn: () =>
      everyPage((cursor) => api.sessions.list({ from: iso(range.from), to: iso(range.to) }, cursor, PAGE_SIZE)),
    refetchInterval: 30_000,
  });

  const [draft, setDraft] = useState<BookingDraft | null>(null);
  // Each opening of the dialog is a fresh form: a form reused across openings keeps its old values.
  const [openings, setOpenings] = useState(0);
  const openDraft = (next: BookingDraft) => {
    setDraft(next);
    setOpenings((count) => count + 1);
  };
  const [conflict, setConflict] = useState<BoardConflict | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const books = may(user.role, 'POST /api/v1/sessions');
  const moves = may(user.role, 'PATCH /api/v1/sessions/:id');
  const runs = may(user.role, 'POST /api/v1/sessions/:id/start');
  const calendars = may(user.role, 'GET /api/v1/bays/:id/calendar.ics');
  const calendarFeeds = may(user.role, 'POST /api/v1/bays/:id/calendar-feed');
  const feedLinks = may(user.role, 'GET /api/v1/calendar-feeds');

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  const showDay = (target: CalendarDay | null) => update({ date: target });

  const visibleBays = bays.items
    .filter(
      (bay) =>
        (!filters.siteId || bay.siteId === filters.siteId) &&
        (!filters.domain || bay.domain === filters.domain) &&
        (!filters.mode || bay.mode === filters.mode),
    )
    .sort((a, b) => a.code.localeCompare(b.code));
  const visibleBayIds = new Set(visibleBays.map((bay) => bay.id));
  const shown = (sessions.data ?? []).filter(
    (session) => visibleBayIds.has(session.bayId) && (showCancelled || session.status !== 'cancelled'),
  );
  const robotName = (robotId: string) => robots.byId.get(robotId)?.name ?? robotId.slice(0, 8);
  const bayCode = (bayId: string) => bays.byId.get(bayId)?.code ?? bayId.slice(0, 8);

  /** Puts the answer into the board at once (the next refetch confirms it). */
  const remember = (session: Session) => {
    queryClient.setQueryData<Session[]>(sessionsKey, (old) =>
      old?.some((item) => item.id === session.id)
        ? old.map((item) => (item.id === session.id ? session : item))
        : [...(old ?? []), session],
    );
    void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
  };

  /** A 409 naming sessions goes onto the board; anything else is a message. */
  const refused = (kind: BoardConflict['kind'], error: unknown, attempt: Move | null, retry: BookingDraft | null) => {
    const conflicts = bookingConflicts(error);
    if (!conflicts) return false;
    setConflict({ kind, detail: describeError(error, t), conflicts, attempt, retry });
    setSelectedId(null);
    if (attempt && (attempt.endsAt <= range.from || attempt.startsAt >= range.to)) {
      showDay(dayOf(attempt.startsAt, timeZone));
    }
    return true;
  };

  const act = useMutation({
    mutationFn: ({ session, action }: { session: Session; action: SessionAction }) =>
      api.sessions.act(session.id, action),
    onSuccess: (session) => {
      void message.success(t('session.nowStatus', { status: t(`sessionStatus.${session.status}`) }));
      setConflict(null);
      remember(session);
    },
    onError: (error) => {
      if (!refused('start', error, null, null)) void message.error(describeError(error, t));
    },
  });

  const move = useMutation({
    mutationFn: ({ session, target }: { session: Session; target: Move }) =>
      api.sessions.reschedule(session.id, {
        startsAt: iso(target.startsAt),
        endsAt: iso(target.endsAt),
        ...(target.bayId !== session.bayId ? { bayId: target.bayId } : {}),
      }),
    onSuccess: (session) => moved(session),
    onError: (error, { session, target }) => {
      const retry: BookingDraft = { session, ...target };
      if (!refused('move', error, target, retry)) void message.error(describeError(error, t));
    },
  });

  const calendar = useMutation({
    mutationFn: async (bay: Bay) => ({ bay, file: await api.bays.calendar(bay.id) }),
    onSuccess: ({ bay, file }) => {
      const name = `bay-${bay.code}.ics`;
      saveBlob(file, name);
      void message.success(t('schedule.calendarSaved', { file: name }));
    },
    onError: (error) => void message.error(describeError(error, t)),
  });

  const calendarFeed = useMutation({
    mutationFn: async (bay: Bay) => ({ bay, feed: await api.bays.calendarFeed(bay.id) }),
    onSuccess: ({ bay, feed }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.calendarFeeds });
      void modal.info({
        title: t('schedule.calendarFeedTitle', { code: bay.code }),
        width: 560,
        content: (
          <Flex vertical gap={8} data-testid="calendar-feed">
            <Typography.Text>{t('schedule.calendarFeedHelp')}</Typography.Text>
            <Typography.Paragraph copyable={{ text: feed.url }} code style={{ wordBreak: 'break-all' }}>
              {feed.url}
            </Typography.Paragraph>
            <Typography.Link href={feed.webcalUrl}>{t('schedule.calendarFeedOpen')}</Typography.Link>
            <Typography.Text type="secondary">
              {t('schedule.calendarFeedExpires', { date: formatDateTime(feed.expiresAt, timeZone).slice(0, 10) })}
            </Typography.Text>
          </Flex>
        ),
      });
    },
    onError: (error) => void message.error(describeError(error, t)),
  });

  function moved(session: Session) {
    void message.success(
      t('booking.moved', {
        bay: bayCode(session.bayId),
        time: formatWindow(session.startsAt, session.endsAt, timeZone),
      }),
    );
    setConflict(null);
    remember(session);
  }

  function booked(session: Session) {
    if (draft?.session) return moved(session);
    void message.success(
      t('booking.done', {
        bay: bayCode(session.bayId),
        time: formatWindow(session.startsAt, session.endsAt, timeZone),
      }),
    );
    setConflict(null);
    remember(session);
    const startsAt = Date.parse(session.startsAt);
    if (startsAt >= range.to || Date.parse(session.endsAt) <= range.from) showDay(dayOf(startsAt, timeZone));
  }

  const runAction = (session: Session, action: SessionAction) => {
    const go = () => act.mutate({ session, action });
    if (action !== 'abort' && action !== 'cancel') return go();
    modal.confirm({
      title: t(action === 'abort' ? 'session.confirmAbort' : 'session.confirmCancel'),
      okText: t(`sessionAction.${action}`),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: go,
    });
  };

  /** The header's "book": the next full hour today, or nine o'clock of another day shown. */
  const freshDraft = (): BookingDraft => {
    const [year, month, date] = range.days[0].split('-').map(Number);
    const startsAt =
      now >= range.from && now < range.to
        ? Math.ceil(now / HOUR_MS) * HOUR_MS
        : instantOf({ year, month, day: date, hour: 9, minute: 0 }, timeZone);
    return { bayId: visibleBays[0]?.id, startsAt, endsAt: startsAt + HOUR_MS };
  };

  const select = (name: FilterName, placeholder: string, options: { value: string; label: string }[]) => (
    <Select
      allowClear
      style={{ minWidth: 160 }}
      data-testid={`filter-${name}`}
      placeholder={placeholder}
      value={filters[name]}
      onChange={(value?: string) => update({ [name]: value ?? null })}
      options={options}
    />
  );

  const rangeLabel =
    range.days.length === 1 ? range.days[0] : `${range.days[0]} – ${range.days[range.days.length - 1]}`;
  const loadError = bays.error ?? sessions.error ?? robots.error;

  return (
    <>
      <PageHeader
        title={t('schedule.title')}
        extra={
          <Flex gap={8}>
            {feedLinks && <CalendarFeedLinks timeZone={timeZone} />}
            {books && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => openDraft(freshDraft())} data-testid="book">
                {t('schedule.book')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card>
        <Flex vertical gap={12}>
          <Flex wrap gap={12} align="center" justify="space-between">
            <Flex wrap gap={8} align="center">
              <Segmented<BoardView>
                data-testid="board-view"
                value={view}
                onChange={(next) => update({ view: next === 'day' ? null : next })}
                options={BOARD_VIEWS.map((value) => ({ value, label: t(`schedule.${value}`) }))}
              />
              <Button
                icon={<LeftOutlined />}
                aria-label={t('schedule.previous')}
                onClick={() => showDay(addDays(day, view === 'week' ? -7 : -1))}
              />
              <Button onClick={() => showDay(null)}>{t('schedule.today')}</Button>
              <Button
                icon={<RightOutlined />}
                aria-label={t('schedule.next')}
                onClick={() => showDay(addDays(day, view === 'week' ? 7 : 1))}
              />
              <DatePicker
                aria-label={t('schedule.date')}
                allowClear={false}
                value={dayjs(day)}
                onChange={(value) => value && showDay(value.format('YYYY-MM-DD'))}
              />
              <Typography.Text strong data-testid="board-range">
                {rangeLabel}
              </Typography.Text>
            </Flex>
            <Flex wrap gap={8} align="center">
              {select(
                'siteId',
                t('field.site'),
                sites.items.map((site) => ({ value: site.id, label: site.name })),
              )}
              {select(
                'domain',
                t('field.domain'),
                DOMAINS.map((domain) => ({ value: domain, label: t(`domain.${domain}`) })),
              )}
              {select(
                'mode',
                t('field.mode'),
                BAY_MODES.map((mode) => ({ value: mode, label: t(`bayMode.${mode}`) })),
              )}
              <Checkbox
                checked={showCancelled}
                onChange={(event) => update({ cancelled: event.target.checked ? '1' : null })}
              >
                {t('schedule.showCancelled')}
              </Checkbox>
            </Flex>
          </Flex>

          <Typography.Text type="secondary">
            {t('schedule.timeZoneNote', { timeZone })}
            {books ? ` · ${t('schedule.hint')}` : ''}
          </Typography.Text>
          {!books && (
            <Alert
              type="info"
              showIcon
              data-testid="read-only"
              title={t('schedule.readOnly')}
              description={user.role === 'vendor' ? t('schedule.vendorScope') : undefined}
            />
          )}

          {conflict && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="booking-conflict"
              title={t(
                conflict.kind === 'book'
                  ? 'conflict.title'
                  : conflict.kind === 'move'
                    ? 'conflict.moveTitle'
                    : 'error.title',
              )}
              description={
                <>
                  <div data-testid="problem-detail">{conflict.detail}</div>
                  <div style={{ marginTop: 4 }}>{t('conflict.marked')}</div>
                  <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                    {conflict.conflicts.map((found) => {
                      const time = formatWindow(found.startsAt, found.endsAt, timeZone);
                      return (
                        <li key={`${found.sessionId}:${found.robotId ?? found.bayId ?? ''}`}>
                          {found.robotId
                            ? t('conflict.robot', { robot: robotName(found.robotId), time })
                            : t('conflict.bay', { bay: bayCode(found.bayId ?? ''), time })}{' '}
                          <Button
                            type="link"
                            size="small"
                            onClick={() => {
                              update({ siteId: null, domain: null, mode: null });
                              showDay(dayOf(Date.parse(found.startsAt), timeZone));
                            }}
                          >
                            {t('conflict.show')}
                          </Button>
                        </li>
                      );
                    })}
                  </ul>
                </>
              }
              action={
                <Flex vertical gap={4}>
                  {conflict.retry && (
                    <Button size="small" onClick={() => conflict.retry && openDraft(conflict.retry)}>
                      {t('conflict.edit')}
                    </Button>
                  )}
                  <Button size="small" onClick={() => setConflict(null)}>
                    {t('conflict.dismiss')}
                  </Button>
                </Flex>
              }
            />
          )}

          {loadError ? (
            <LoadError
              error={loadError}
              onRetry={() => {
                void bays.refetch();
                void sessions.refetch();
                void robots.refetch();
              }}
            />
          ) : bays.isPending ? (
            <Skeleton active />
          ) : visibleBays.length === 0 ? (
            <Typography.Text type="secondary">{t('schedule.noBays')}</Typography.Text>
          ) : (
            <Spin spinning={sessions.isPending || move.isPending} description={t('common.loading')}>
              <ScheduleBoard
                range={range}
                bays={visibleBays}
                sessions={shown}
                robotName={robotName}
                marks={conflictMarks(conflict?.conflicts ?? [])}
                attempt={conflict?.attempt ?? null}
                now={now}
                selectedId={selectedId}
                onSelect={setSelectedId}
                details={(session) => (
                  <SessionDetails
                    session={session}
                    bay={bays.byId.get(session.bayId)}
                    robotName={robotName}
                    onAction={runs ? (action) => runAction(session, action) : undefined}
                    pendingAction={
                      act.isPending && act.variables.session.id === session.id ? act.variables.action : null
                    }
                    onMove={
                      moves
                        ? () => {
                            setSelectedId(null);
                            openDraft({
                              session,
                              bayId: session.bayId,
                              startsAt: Date.parse(session.startsAt),
                              endsAt: Date.parse(session.endsAt),
                            });
                          }
                        : undefined
                    }
                    watchable={user.role !== 'vendor'}
                  />
                )}
                onSlot={books ? (bayId, window) => openDraft({ bayId, ...window }) : undefined}
                onMove={moves ? (session, target) => move.mutate({ session, target }) : undefined}
                onCalendar={calendars ? (bay) => calendar.mutate(bay) : undefined}
                calendarPending={calendar.isPending ? calendar.variables.id : null}
                onCalendarFeed={calendarFeeds ? (bay) => calendarFeed.mutate(bay) : undefined}
                calendarFeedPending={calendarFeed.isPending ? calendarFeed.variables.id : null}
              />
            </Spin>
          )}
          <Flex justify="space-between" wrap gap={12}>
            <Legend />
            <Typography.Text type="secondary" data-testid="sessions-shown">
              {t('schedule.sessionsShown', { count: shown.length })}
            </Typography.Text>
          </Flex>
        </Flex>
      </Card>
      <BookingDialog
        key={openings}
        draft={draft}
        bays={bays.items}
        robots={robots.items}
        onClose={() => setDraft(null)}
        onDone={booked}
        onRefused={(error, refusedDraft) =>
          refused(
            refusedDraft.session ? 'move' : 'book',
            error,
            refusedDraft.bayId
              ? { bayId: refusedDraft.bayId, startsAt: refusedDraft.startsAt, endsAt: refusedDraft.endsAt }
              : null,
            refusedDraft,
          )
        }
      />
    </>
  );
}

function Legend() {
  const t = useT();
  const swatch = (kind: SessionKind, status: SessionStatus, label: string) => (
    <span
      key={`${kind}-${status}`}
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginInlineEnd: 12 }}
    >
      <span style={{ ...blockStyle(kind, status), display: 'inline-block', width: 22, height: 12, borderRadius: 3 }} />
      <Typography.Text type="secondary" style={{ fontSize: 12, textDecoration: 'none' }}>
        {label}
      </Typography.Text>
    </span>
  );
  return (
    <Flex wrap gap={4} align="center" data-testid="legend">
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
        {t('schedule.legendKind')}
      </Typography.Text>
      {SESSION_KINDS.map((kind) => swatch(kind, 'scheduled', t(`sessionKind.${kind}`)))}
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
        {t('schedule.legendStatus')}
      </Typography.Text>
      {SESSION_STATUSES.map((status) => swatch('training', status, t(`sessionStatus.${status}`)))}
    </Flex>
  );
}

import type { Bay, Session } from '@app/contract';
import { clockOf } from '@app/contract';
import { DownloadOutlined, LinkOutlined } from '@ant-design/icons';
import { Button, Popover, Tag, Tooltip, Typography, theme } from 'antd';
import { useEffect, useRef, useState, type PointerEvent, type ReactNode } from 'react';
import { BayStatusTag } from '../components/labels';
import { useFieldInfo } from '../field-info';
import { formatWindow } from '../format';
import { useT } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { assignLanes, place, proposedWindow, snap, snapStepMs, ticks, type BoardRange } from './board-geometry';
import type { ConflictMark } from './conflicts';
import { blockStyle } from './session-style';

export interface Window {
  startsAt: number;
  endsAt: number;
}

export interface Move extends Window {
  bayId: string;
}

export interface ScheduleBoardProps {
  range: BoardRange;
  bays: readonly Bay[];
  sessions: readonly Session[];
  robotName: (robotId: string) => string;
  marks: ReadonlyMap<string, ConflictMark>;
  /** A booking or move the field refused, drawn where it was meant to go. */
  attempt: Move | null;
  now: number;
  selectedId: string | null;
  onSelect: (sessionId: string | null) => void;
  details: (session: Session) => ReactNode;
  /** Without these the board is read-only. */
  onSlot?: (bayId: string, window: Window) => void;
  onMove?: (session: Session, move: Move) => void;
  /** Where the bay's calendar may be downloaded (engineers and up). */
  onCalendar?: (bay: Bay) => void;
  calendarPending?: string | null;
  /** Where a subscription link to the bay's calendar may be made, for calendar apps. */
  onCalendarFeed?: (bay: Bay) => void;
  calendarFeedPending?: string | null;
}

const LABEL_WIDTH = 220;
/** The narrowest an hour (day view) or a day (week view) gets before the board scrolls sideways. */
const MIN_HOUR_PX = 32;
const MIN_WEEK_DAY_PX = 112;
const ROW_PADDING = 6;
const DRAG_THRESHOLD_PX = 4;

const WEEKDAYS = [
  'weekday.0',
  'weekday.1',
  'weekday.2',
  'weekday.3',
  'weekday.4',
  'weekday.5',
  'weekday.6',
] as const satisfies readonly MessageKey[];

interface Drag {
  session: Session;
  pointerX: number;
  pointerY: number;
  moved: boolean;
  target: Move;
}

const times = (session: Session): Window => ({
  startsAt: Date.parse(session.startsAt),
  endsAt: Date.parse(session.endsAt),
});

/** Bays as rows, time as columns; sessions as blocks coloured by kind and status. */
export function ScheduleBoard(props: ScheduleBoardProps) {
  const { range, bays, sessions } = props;
  const t = useT();
  const { timeZone } = useFieldInfo();
  const { token } = theme.useToken();
  const frame = useRef<HTMLDivElement>(null);
  const [available, setAvailable] = useState(0);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setAvailable(element.clientWidth - LABEL_WIDTH));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const columns = range.view === 'day' ? 24 : range.days.length;
  const columnWidth = Math.max(range.view === 'day' ? MIN_HOUR_PX : MIN_WEEK_DAY_PX, Math.floor(available / columns));
  const width = columns * columnWidth;
  const laneHeight = range.view === 'day' ? 46 : 34;
  const span = range.to - range.from;
  const { major } = ticks(range, timeZone);
  const rows = useRef(new Map<string, HTMLDivElement>());
  const drag = useRef<Drag | null>(null);
  const suppressOpen = useRef(false);
  const [preview, setPreview] = useState<{ sessionId: string; target: Move } | null>(null);

  const byBay = new Map<string, Session[]>();
  for (const session of sessions) byBay.set(session.bayId, [...(byBay.get(session.bayId) ?? []), session]);

  const bayUnder = (clientY: number): string | null => {
    for (const [bayId, row] of rows.current) {
      const box = row.getBoundingClientRect();
      if (clientY >= box.top && clientY < box.bottom) return bayId;
    }
    return null;
  };

  const movable = (session: Session) => props.onMove !== undefined && session.status === 'scheduled';

  const pointerDown = (event: PointerEvent<HTMLDivElement>, session: Session) => {
    if (!movable(session) || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = {
      session,
      pointerX: event.clientX,
      pointerY: event.clientY,
      moved: false,
      target: { bayId: session.bayId, ...times(session) },
    };
  };

  const pointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (!current) return;
    const dx = event.clientX - current.pointerX;
    const dy = event.clientY - current.pointerY;
    if (!current.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
    current.moved = true;
    const shift = snap((dx / width) * span, snapStepMs(range.view));
    const window = times(current.session);
    current.target = {
      bayId: bayUnder(event.clientY) ?? current.session.bayId,
      startsAt: window.startsAt + shift,
      endsAt: window.endsAt + shift,
    };
    setPreview({ sessionId: current.session.id, target: current.target });
  };

  const pointerUp = () => {
    const current = drag.current;
    drag.current = null;
    setPreview(null);
    if (!current?.moved) return;
    // The click that ends a drag must not open the block's details.
    suppressOpen.current = true;
    const { target, session } = current;
    if (target.bayId !== session.bayId || target.startsAt !== Date.parse(session.startsAt)) {
      props.onMove?.(session, target);
    }
  };

  const openChange = (session: Session, open: boolean) => {
    if (open && suppressOpen.current) {
      suppressOpen.current = false;
      return;
    }
    props.onSelect(open ? session.id : null);
  };

  const nowAt = place({ startsAt: props.now, endsAt: props.now + 1 }, range);
  const gridLines =
    range.view === 'day'
      ? `repeating-linear-gradient(to right, ${token.colorBorderSecondary} 0 1px, transparent 1px ${columnWidth}px)`
      : `repeating-linear-gradient(to right, ${token.colorBorder} 0 1px, transparent 1px ${columnWidth}px),
         repeating-linear-gradient(to right, ${token.colorFillSecondary} 0 1px, transparent 1px ${columnWidth / 4}px)`;

  const block = (session: Session, lane: number, bay: Bay) => {
    const window = times(session);
    const at = place(window, range);
    if (!at) return null;
    const mark = props.marks.get(session.id);
    const robots = session.robotIds.map(props.robotName).join('、');
    const label = `${clockOf(window.startsAt, timeZone)}–${clockOf(window.endsAt, timeZone)} ${t(`sessionKind.${session.kind}`)}`;
    const dragging = preview?.sessionId === session.id;
    const time = formatWindow(session.startsAt, session.endsAt, timeZone);
    const conflictNote = mark
      ? [
          ...(mark.bay ? [t('conflict.bay', { bay: bay.code, time })] : []),
          ...mark.robotIds.map((id) => t('conflict.robot', { robot: props.robotName(id), time })),
        ].join('; ')
      : undefined;
    return (
      <Popover
        key={session.id}
        trigger="click"
        placement="bottom"
        open={props.selectedId === session.id}
        onOpenChange={(open) => openChange(session, open)}
        content={props.details(session)}
        destroyOnHidden
      >
        <div
          role="button"
          tabIndex={0}
          data-testid="session-block"
          data-session-id={session.id}
          data-status={session.status}
          data-kind={session.kind}
          data-conflict={mark ? (mark.bay ? 'bay' : 'robot') : undefined}
          aria-label={`${label} ${t(`sessionStatus.${session.status}`)} ${robots}`}
          title={conflictNote}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              props.onSelect(session.id);
            }
          }}
          onPointerDown={(event) => pointerDown(event, session)}
          onPointerMove={pointerMove}
          onPointerUp={pointerUp}
          onPointerCancel={pointerUp}
          style={{
            ...blockStyle(session.kind, session.status),
            position: 'absolute',
            left: at.left * width,
            width: Math.max(6, at.width * width - 2),
            top: ROW_PADDING + lane * laneHeight,
            height: laneHeight - 4,
            borderRadius: 4,
            padding: '2px 6px',
            overflow: 'hidden',
            fontSize: 12,
            lineHeight: '18px',
            cursor: movable(session) ? 'grab' : 'pointer',
            opacity: dragging ? 0.35 : 1,
            outline: mark ? `2px solid ${token.colorError}` : undefined,
            outlineOffset: 1,
            touchAction: movable(session) ? 'none' : undefined,
            userSelect: 'none',
            zIndex: mark ? 2 : 1,
          }}
        >
          <div style={{ whiteSpace: 'nowrap', fontWeight: 500 }}>
            {mark && (
              <Tag color="error" style={{ marginInlineEnd: 4, fontSize: 11, lineHeight: '16px', padding: '0 4px' }}>
                {t('conflict.badge')}
              </Tag>
            )}
            {range.view === 'day' ? label : t(`sessionKind.${session.kind}`)}
          </div>
          {range.view === 'day' && <div style={{ whiteSpace: 'nowrap' }}>{robots}</div>}
        </div>
      </Popover>
    );
  };

  const ghost = (window: Move, testId: string, label: string, color: string) => {
    const at = place(window, range);
    if (!at) return null;
    return (
      <div
        data-testid={testId}
        style={{
          position: 'absolute',
          left: at.left * width,
          width: Math.max(6, at.width * width - 2),
          top: ROW_PADDING,
          bottom: ROW_PADDING,
          border: `2px dashed ${color}`,
          background: `${color}14`,
          borderRadius: 4,
          padding: '2px 6px',
          fontSize: 12,
          color,
          overflow: 'hidden',
          whiteSpace: 'nowrap',
          pointerEvents: 'none',
          zIndex: 3,
        }}
      >
        {label} {clockOf(window.startsAt, timeZone)}–{clockOf(window.endsAt, timeZone)}
      </div>
    );
  };

  return (
    <div ref={frame} style={{ overflowX: 'auto', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: 6 }}>
      <div data-testid="schedule-board" style={{ position: 'relative', width: LABEL_WIDTH + width }}>
        <div
          style={{
            display: 'flex',
            borderBottom: `1px solid ${token.colorBorder}`,
            background: token.colorFillQuaternary,
          }}
        >
          <div style={{ ...labelCell(token.colorBgContainer), fontWeight: 500, padding: '6px 12px' }}>
            {t('schedule.bay')}
          </div>
          <div style={{ position: 'relative', width, height: 32 }}>
            {major.map((tick) => {
              const at = place({ startsAt: tick.at, endsAt: tick.at + 1 }, range);
              // Narrow hours are labelled every other hour.
              if (!at || (range.view === 'day' && columnWidth < 44 && tick.hour % 2 === 1)) return null;
              const text =
                range.view === 'day'
                  ? `${String(tick.hour).padStart(2, '0')}:00`
                  : `${t(WEEKDAYS[range.days.indexOf(tick.day)])} ${tick.day.slice(5)}`;
              return (
                <span
                  key={tick.at}
                  style={{
                    position: 'absolute',
                    left: at.left * width + 4,
                    top: 7,
                    fontSize: 12,
                    whiteSpace: 'nowrap',
                  }}
                >
                  {text}
                </span>
              );
            })}
          </div>
        </div>
        {bays.map((bay) => {
          const own = byBay.get(bay.id) ?? [];
          const moving = preview && preview.target.bayId === bay.id ? preview.target : null;
          const attempt = props.attempt?.bayId === bay.id ? props.attempt : null;
          const { lanes, count } = assignLanes(own.map((session) => ({ id: session.id, ...times(session) })));
          const height = ROW_PADDING * 2 + count * laneHeight;
          return (
            <div
              key={bay.id}
              data-testid="bay-row"
              data-bay-code={bay.code}
              style={{ display: 'flex', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
            >
              <div style={{ ...labelCell(token.colorBgContainer), padding: '6px 12px', minHeight: height }}>
                <Typography.Text strong ellipsis style={{ display: 'block' }}>
                  {bay.code}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                  {bay.name}
                </Typography.Text>
                {bay.status === 'maintenance' && <BayStatusTag status={bay.status} />}
                {props.onCalendar && (
                  <Tooltip title={t('schedule.calendarHint', { code: bay.code })}>
                    <Button
                      size="small"
                      type="link"
                      icon={<DownloadOutlined />}
                      style={{ padding: 0, height: 20, fontSize: 12 }}
                      loading={props.calendarPending === bay.id}
                      onClick={() => props.onCalendar?.(bay)}
                      data-testid="bay-calendar"
                    >
                      {t('schedule.calendar')}
                    </Button>
                  </Tooltip>
                )}
                {props.onCalendarFeed && (
                  <Tooltip title={t('schedule.calendarFeedHint', { code: bay.code })}>
                    <Button
                      size="small"
                      type="link"
                      icon={<LinkOutlined />}
                      style={{ padding: 0, height: 20, fontSize: 12, marginInlineStart: 8 }}
                      loading={props.calendarFeedPending === bay.id}
                      onClick={() => props.onCalendarFeed?.(bay)}
                      aria-label={t('schedule.calendarFeed')}
                      data-testid="bay-calendar-feed"
                    />
                  </Tooltip>
                )}
              </div>
              <div
                ref={(element) => {
                  if (element) rows.current.set(bay.id, element);
                  else rows.current.delete(bay.id);
                }}
                data-testid="bay-timeline"
                data-bay-id={bay.id}
                onClick={(event) => {
                  // Clicks inside a block or its details (rendered elsewhere in the page) are not slot clicks.
                  const target = event.target as Element;
                  if (!props.onSlot || !event.currentTarget.contains(target)) return;
                  if (target.closest('[data-testid="session-block"]')) return;
                  const box = event.currentTarget.getBoundingClientRect();
                  props.onSlot(bay.id, proposedWindow((event.clientX - box.left) / box.width, range));
                }}
                style={{
                  position: 'relative',
                  width,
                  height,
                  backgroundImage: gridLines,
                  cursor: props.onSlot ? 'copy' : 'default',
                }}
              >
                {own.map((session) => block(session, lanes.get(session.id) ?? 0, bay))}
                {moving && ghost(moving, 'drag-preview', '', token.colorPrimary)}
                {attempt && ghost(attempt, 'attempted-booking', t('conflict.attempt'), token.colorError)}
              </div>
            </div>
          );
        })}
        {nowAt && (
          <div
            aria-hidden
            style={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: LABEL_WIDTH + nowAt.left * width,
              width: 2,
              background: token.colorError,
              opacity: 0.6,
              pointerEvents: 'none',
              zIndex: 4,
            }}
          />
        )}
      </div>
    </div>
  );
}

const labelCell = (background: string) =>
  ({
    width: LABEL_WIDTH,
    flex: `0 0 ${LABEL_WIDTH}px`,
    position: 'sticky',
    left: 0,
    zIndex: 5,
    background,
    borderRight: '1px solid rgba(5, 5, 5, 0.06)',
    boxSizing: 'border-box',
  }) as const;

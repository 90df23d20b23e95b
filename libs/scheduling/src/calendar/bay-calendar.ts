import icalGenerator, { ICalEventStatus } from 'ical-generator';
import type { Session, SessionKind } from '@app/contract';

const KIND_LABELS: Record<SessionKind, string> = {
  training: '训练 Training',
  assessment: '考核 Assessment',
  drill: '协同演练 Drill',
};

export interface CalendarBay {
  id: string;
  code: string;
  name: string;
}

/**
 * An RFC 5545 calendar of a bay's bookings, one VEVENT per non-cancelled session, in UTC, with a
 * stable UID per session and a SEQUENCE that grows when the booking changes, so calendar apps update
 * the event instead of duplicating it.
 */
export function buildBayCalendar(
  bay: CalendarBay,
  sessions: readonly Session[],
  robotNames: ReadonlyMap<string, string>,
  host: string,
): string {
  const calendar = icalGenerator({
    name: `${bay.name} (${bay.code})`,
    prodId: { company: 'Mianyang robot training field', product: 'bay calendar', language: 'EN' },
  });
  for (const session of sessions) {
    if (session.status === 'cancelled') continue;
    const robots = session.robotIds.map((id) => robotNames.get(id) ?? id);
    const tasks = session.taskKeys.length > 0 ? ` — ${session.taskKeys.join(', ')}` : '';
    calendar.createEvent({
      id: `${session.id}@${host}`,
      sequence: Math.max(0, Math.floor((Date.parse(session.updatedAt) - Date.parse(session.createdAt)) / 1000)),
      stamp: new Date(session.updatedAt),
      start: new Date(session.startsAt),
      end: new Date(session.endsAt),
      summary: `${KIND_LABELS[session.kind]}: ${robots.join(', ')}${tasks}`,
      description: [
        `status: ${session.status}`,
        `robots: ${robots.join(', ')}`,
        session.taskKeys.length > 0 ? `tasks: ${session.taskKeys.join(', ')}` : null,
        session.note ? `note: ${session.note}` : null,
      ]
        .filter(Boolean)
        .join('\n'),
      location: `${bay.name} (${bay.code})`,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

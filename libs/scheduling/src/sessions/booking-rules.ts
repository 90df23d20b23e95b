import type { BayStatus, FieldError, RobotStatus, SessionKind } from '@app/contract';

export interface BookingRequest {
  kind: SessionKind;
  robotIds: readonly string[];
  startsAt: Date;
  endsAt: Date;
}

export interface BayFacts {
  id: string;
  code: string;
  status: BayStatus;
  capacity: number;
}

export interface RobotFacts {
  id: string;
  name: string;
  serialNumber: string;
  status: RobotStatus;
}

export interface BookingProblems {
  detail: string;
  errors: FieldError[];
}

/**
 * The contract's 422 rules for a booking: the bay exists and is open, holds that many robots, every
 * robot exists and is enrolled, the window ends after it starts, and a drill has at least two robots.
 * Null when the booking may go ahead (conflicts with other bookings are checked separately).
 */
export function bookingProblems(
  request: BookingRequest,
  bay: BayFacts | null,
  robots: readonly RobotFacts[],
  fieldPrefix = '',
): BookingProblems | null {
  const errors: FieldError[] = [];
  const messages: string[] = [];
  const field = (name: string) => `${fieldPrefix}${name}`;

  if (request.endsAt.getTime() <= request.startsAt.getTime()) {
    errors.push({ field: field('endsAt'), message: 'must be after startsAt' });
    messages.push('the session must end after it starts');
  }
  if (request.kind === 'drill' && request.robotIds.length < 2) {
    errors.push({ field: field('robotIds'), message: 'a drill needs at least 2 robots' });
    messages.push('a group drill needs at least 2 robots');
  }
  if (!bay) {
    errors.push({ field: field('bayId'), message: 'names no bay' });
    messages.push('the bay does not exist');
  } else {
    if (bay.status === 'maintenance') {
      errors.push({ field: field('bayId'), message: 'is in maintenance' });
      messages.push(`bay ${bay.code} is in maintenance`);
    }
    if (request.robotIds.length > bay.capacity) {
      errors.push({ field: field('robotIds'), message: `exceeds the bay's capacity of ${bay.capacity}` });
      messages.push(`bay ${bay.code} holds at most ${bay.capacity} robot(s), not ${request.robotIds.length}`);
    }
  }
  const byId = new Map(robots.map((robot) => [robot.id, robot]));
  request.robotIds.forEach((id, index) => {
    const robot = byId.get(id);
    if (!robot) {
      errors.push({ field: field(`robotIds[${index}]`), message: 'names no robot' });
      messages.push(`robot ${id} does not exist`);
    } else if (robot.status !== 'enrolled') {
      errors.push({ field: field(`robotIds[${index}]`), message: `is ${robot.status}, not enrolled` });
      messages.push(`robot ${robot.name} (${robot.serialNumber}) is ${robot.status}, not enrolled`);
    }
  });
  return errors.length === 0 ? null : { detail: messages.join('; '), errors };
}

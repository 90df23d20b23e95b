import { Injectable, Logger } from '@nestjs/common';
import type { Session } from '@app/contract';
import { ItemOutcome, MicroBatcher, RequestContext } from '@app/platform';
import { BookWindows, WantedBooking } from './book-windows.use-case';

/**
 * Single bookings are booked in batches: those that arrive while a batch commits share the next
 * call of BookWindows (one transaction, one set of locks, one conflict query), each answered as if
 * booked alone.
 */
@Injectable()
export class BookingBatcher {
  private readonly logger = new Logger(BookingBatcher.name);
  private readonly batcher = new MicroBatcher<WantedBooking, Session>((batch) => this.bookBatch(batch), {
    maxBatch: 200,
    concurrency: 2,
  });

  constructor(private readonly bookWindows: BookWindows) {}

  book(booking: WantedBooking): Promise<Session> {
    return this.batcher.submit(booking);
  }

  /**
   * Should the batch fail as a whole (a deadlock past its retries, a lost connection), each booking
   * is tried alone, so that nothing one request did fails another.
   */
  private async bookBatch(batch: WantedBooking[]): Promise<ItemOutcome<Session>[]> {
    try {
      const { outcomes } = await this.bookWindows.execute({ bookings: batch, policy: 'independent' });
      return outcomes.map((outcome) => (outcome.ok ? { ok: true, value: outcome.session } : outcome));
    } catch (error) {
      this.logger.warn({ err: error, bookings: batch.length }, 'a booking batch failed; booking each alone');
      return Promise.all(batch.map((booking) => this.bookAlone(booking)));
    }
  }

  private bookAlone(booking: WantedBooking): Promise<ItemOutcome<Session>> {
    const context = { requestId: booking.requestId, ip: booking.ip, actor: booking.author };
    return RequestContext.run(context, () =>
      this.bookWindows.execute({ bookings: [booking], policy: 'all-or-nothing' }),
    ).then(
      (booked): ItemOutcome<Session> => ({ ok: true, value: booked.sessions[0] }),
      (error: unknown): ItemOutcome<Session> => ({ ok: false, error }),
    );
  }
}

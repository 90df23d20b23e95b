/** Published on the event bus with the session whenever one is booked, moved or changes status. */
export const SESSION_UPDATED = 'session.updated';

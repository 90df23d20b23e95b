import { requestLogRecord } from './logging.module';

describe('requestLogRecord', () => {
  it('keeps the id, method, path and address, and no headers', () => {
    const record = requestLogRecord({
      id: 'req-1',
      method: 'GET',
      url: '/api/v1/robots?limit=5',
      remoteAddress: '127.0.0.1',
      ...{ headers: { authorization: 'Bearer secret' } },
    });
    expect(record).toEqual({
      id: 'req-1',
      method: 'GET',
      url: '/api/v1/robots?limit=[redacted]',
      remoteAddress: '127.0.0.1',
    });
  });

  it("blanks a calendar link's credential wherever it sits in the query, and every other value", () => {
    expect(requestLogRecord({ url: '/api/v1/bays/b/calendar.ics?feed=eyJ.abc.def' }).url).toBe(
      '/api/v1/bays/b/calendar.ics?feed=[redacted]',
    );
    expect(requestLogRecord({ url: '/api/v1/bays/b/calendar.ics?to=2027&feed=eyJ.abc&from=2026' }).url).toBe(
      '/api/v1/bays/b/calendar.ics?to=[redacted]&feed=[redacted]&from=[redacted]',
    );
  });
});

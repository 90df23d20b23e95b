import type { Bay, Robot, Session, SessionKind } from '@app/contract';
import { instantOfLocal, localOf, SESSION_KINDS } from '@app/contract';
import { DatePicker, Form, Input, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useApi } from '../auth/session';
import { FormModal } from '../components/FormModal';
import { useFieldInfo } from '../field-info';
import { useT } from '../i18n/i18n';

/** What the dialog starts from: an empty slot, a refused booking to change, or a session to move. */
export interface BookingDraft {
  /** Present when moving that session (only its bay and window change). */
  session?: Session;
  bayId?: string;
  startsAt: number;
  endsAt: number;
  kind?: SessionKind;
  robotIds?: string[];
  taskKeys?: string[];
  note?: string;
}

interface BookingValues {
  bayId: string;
  kind: SessionKind;
  robotIds: string[];
  taskKeys?: string[];
  startsAt: Dayjs;
  endsAt: Dayjs;
  note?: string;
}

const FIELDS = ['bayId', 'kind', 'robotIds', 'taskKeys', 'startsAt', 'endsAt', 'note'] as const;
const PICKER_FORMAT = 'YYYY-MM-DD HH:mm';

interface BookingDialogProps {
  draft: BookingDraft | null;
  bays: readonly Bay[];
  robots: readonly Robot[];
  onClose: () => void;
  onDone: (session: Session) => void;
  /** A 409 goes to the board (true); anything else stays in the dialog. */
  onRefused: (error: unknown, draft: BookingDraft) => boolean;
}

/**
 * Booking a bay, or moving a booked session. The pickers show the field's wall clock: a time is
 * read from them as digits and placed in the field's time zone, whatever the browser's zone.
 */
export function BookingDialog({ draft, bays, robots, onClose, onDone, onRefused }: BookingDialogProps) {
  const t = useT();
  const api = useApi();
  const { timeZone } = useFieldInfo();
  const moving = draft?.session;
  const toPicker = (ms: number) => dayjs(localOf(ms, timeZone));
  const fromPicker = (value: Dayjs) => instantOfLocal(value.format('YYYY-MM-DDTHH:mm'), timeZone);
  const toDraft = (values: BookingValues): BookingDraft => ({
    session: moving,
    bayId: values.bayId,
    startsAt: fromPicker(values.startsAt),
    endsAt: fromPicker(values.endsAt),
    kind: values.kind ?? moving?.kind,
    robotIds: values.robotIds ?? moving?.robotIds,
    taskKeys: values.taskKeys,
    note: values.note,
  });

  const submit = (values: BookingValues): Promise<Session> => {
    const startsAt = new Date(fromPicker(values.startsAt)).toISOString();
    const endsAt = new Date(fromPicker(values.endsAt)).toISOString();
    if (moving) {
      return api.sessions.reschedule(moving.id, {
        startsAt,
        endsAt,
        ...(values.bayId !== moving.bayId ? { bayId: values.bayId } : {}),
      });
    }
    return api.sessions.create({
      bayId: values.bayId,
      kind: values.kind,
      robotIds: values.robotIds,
      taskKeys: values.taskKeys ?? [],
      startsAt,
      endsAt,
      note: values.note?.trim() || undefined,
    });
  };

  const bookable = robots.filter((robot) => robot.status === 'enrolled');
  return (
    <FormModal<BookingValues, Session>
      title={t(moving ? 'booking.moveTitle' : 'booking.title')}
      open={draft !== null}
      onClose={onClose}
      fields={FIELDS}
      okText={t(moving ? 'booking.move' : 'booking.submit')}
      submit={submit}
      onDone={onDone}
      onRefused={(error, values) => onRefused(error, toDraft(values))}
      testId="booking-dialog"
      initialValues={
        draft
          ? {
              bayId: draft.bayId,
              kind: draft.kind ?? 'training',
              robotIds: draft.robotIds,
              taskKeys: draft.taskKeys,
              note: draft.note,
              startsAt: toPicker(draft.startsAt),
              endsAt: toPicker(draft.endsAt),
            }
          : undefined
      }
    >
      <Typography.Paragraph type="secondary">{t('booking.timesIn', { timeZone })}</Typography.Paragraph>
      <Form.Item name="bayId" label={t('booking.bay')} rules={[{ required: true }]}>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          options={bays.map((bay) => ({ value: bay.id, label: `${bay.code} ${bay.name}` }))}
        />
      </Form.Item>
      {!moving && (
        <>
          <Form.Item name="kind" label={t('booking.kind')} rules={[{ required: true }]}>
            <Select options={SESSION_KINDS.map((kind) => ({ value: kind, label: t(`sessionKind.${kind}`) }))} />
          </Form.Item>
          <Form.Item
            name="robotIds"
            label={t('booking.robots')}
            extra={t('booking.robotsHelp')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <Select
              mode="multiple"
              showSearch={{ optionFilterProp: 'label' }}
              options={bookable.map((robot) => ({ value: robot.id, label: `${robot.name} (${robot.serialNumber})` }))}
            />
          </Form.Item>
          <Form.Item name="taskKeys" label={t('booking.tasks')} extra={t('booking.tasksHelp')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} suffix={null} />
          </Form.Item>
        </>
      )}
      <Form.Item name="startsAt" label={t('booking.startsAt')} rules={[{ required: true }]}>
        <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={PICKER_FORMAT} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="endsAt"
        label={t('booking.endsAt')}
        dependencies={['startsAt']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value?: Dayjs) => {
              const start = getFieldValue('startsAt') as Dayjs | undefined;
              return !value || !start || value.isAfter(start)
                ? Promise.resolve()
                : Promise.reject(new Error(t('booking.endBeforeStart')));
            },
          }),
        ]}
      >
        <DatePicker showTime={{ format: 'HH:mm', minuteStep: 5 }} format={PICKER_FORMAT} style={{ width: '100%' }} />
      </Form.Item>
      {!moving && (
        <Form.Item name="note" label={t('booking.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
    </FormModal>
  );
}

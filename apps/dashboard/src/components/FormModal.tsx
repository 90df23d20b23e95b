import { useMutation } from '@tanstack/react-query';
import { Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { ProblemAlert, showFieldErrors } from './errors';

interface FormModalProps<Values, Result> {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** Names of the form's fields, where the field's validation errors are shown. */
  fields: readonly (keyof Values & string)[];
  submit: (values: Values) => Promise<Result>;
  onDone: (result: Result) => void;
  okText?: ReactNode;
  okDanger?: boolean;
  initialValues?: Partial<Values>;
  children: ReactNode | ((form: FormInstance<Values>) => ReactNode);
  testId?: string;
  /** Takes over a refusal that is better shown elsewhere (true: the dialog closes without showing it). */
  onRefused?: (error: unknown, values: Values) => boolean;
}

/** A dialog holding one form whose submission calls the API; a refusal shows the problem's detail. */
export function FormModal<Values, Result>(props: FormModalProps<Values, Result>) {
  const [form] = Form.useForm<Values>();
  const [unplaced, setUnplaced] = useState<{ field: string; message: string }[]>([]);
  const mutation = useMutation({
    mutationFn: props.submit,
    onSuccess: (result) => {
      props.onDone(result);
      close();
    },
    onError: (error, values) => {
      if (props.onRefused?.(error, values)) close();
      else setUnplaced(showFieldErrors(form, props.fields, error));
    },
  });

  function close() {
    mutation.reset();
    setUnplaced([]);
    props.onClose();
  }

  return (
    <Modal
      title={props.title}
      open={props.open}
      onCancel={close}
      onOk={() => form.submit()}
      okText={props.okText}
      okButtonProps={{ danger: props.okDanger, 'data-testid': 'modal-ok' }}
      confirmLoading={mutation.isPending}
      destroyOnHidden
      data-testid={props.testId}
    >
      {mutation.isError && (
        <div style={{ marginBottom: 16 }}>
          <ProblemAlert error={mutation.error} unplaced={unplaced} />
        </div>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={(values) => mutation.mutate(values)}
        preserve={false}
      >
        {typeof props.children === 'function' ? props.children(form) : props.children}
      </Form>
    </Modal>
  );
}

import type { RobotForm } from '@app/contract';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Flex, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { queryKeys, useCohorts, useVendors } from '../api/reference';
import { useApi } from '../auth/session';
import { ProblemAlert, showFieldErrors } from '../components/errors';
import { PageHeader } from '../components/PageHeader';
import { DOMAINS, ROBOT_FORMS } from '../enums';
import { useT } from '../i18n/i18n';
import { specsFromRows } from '../specs';

interface RegistrationForm {
  serialNumber: string;
  name: string;
  vendorId: string;
  model: string;
  form: RobotForm;
  domains: (typeof DOMAINS)[number][];
  cohortId?: string;
  specs?: { name?: string; value?: string }[];
}

const FIELDS = ['serialNumber', 'name', 'vendorId', 'model', 'form', 'domains', 'cohortId', 'specs'] as const;

export default function RegisterRobotPage() {
  const t = useT();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const vendors = useVendors();
  const cohorts = useCohorts();
  const [form] = Form.useForm<RegistrationForm>();
  const [unplaced, setUnplaced] = useState<{ field: string; message: string }[]>([]);
  const register = useMutation({
    mutationFn: ({ specs, cohortId, ...rest }: RegistrationForm) =>
      api.robots.create({ ...rest, ...(cohortId ? { cohortId } : {}), specs: specsFromRows(specs) }),
    onSuccess: (robot) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.robots });
      void message.success(t('register.done', { name: robot.name }));
      void navigate(`/robots/${robot.id}`);
    },
    onError: (error) => setUnplaced(showFieldErrors(form, FIELDS, error)),
  });

  return (
    <>
      <PageHeader title={t('register.title')} />
      <Card style={{ maxWidth: 880 }}>
        {register.isError && (
          <div style={{ marginBottom: 16 }}>
            <ProblemAlert error={register.error} unplaced={unplaced} />
          </div>
        )}
        <Form<RegistrationForm>
          form={form}
          layout="vertical"
          data-testid="register-form"
          onFinish={(values) => register.mutate(values)}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="serialNumber"
                label={t('robots.serialNumber')}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input maxLength={64} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="name" label={t('robots.name')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={120} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="vendorId" label={t('robots.vendor')} rules={[{ required: true }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={vendors.isPending}
                  options={vendors.items.map((vendor) => ({ value: vendor.id, label: vendor.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="model" label={t('robots.model')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={120} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="form" label={t('robots.form')} rules={[{ required: true }]}>
                <Select options={ROBOT_FORMS.map((value) => ({ value, label: t(`form.${value}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="domains" label={t('robots.domains')} rules={[{ required: true }]}>
                <Select mode="multiple" options={DOMAINS.map((value) => ({ value, label: t(`domain.${value}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="cohortId" label={t('register.cohortOptional')}>
                <Select
                  allowClear
                  loading={cohorts.isPending}
                  options={cohorts.items.map((cohort) => ({ value: cohort.id, label: cohort.name }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item label={t('robot.specs')} extra={t('register.specsHelp')}>
            <Form.List name="specs">
              {(rows, { add, remove }, { errors }) => (
                <Flex vertical gap={8}>
                  {rows.map((row) => (
                    <Flex key={row.key} gap={8} align="baseline">
                      <Form.Item name={[row.name, 'name']} noStyle>
                        <Input placeholder={t('register.specName')} style={{ width: 220 }} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'value']} noStyle>
                        <Input placeholder={t('register.specValue')} style={{ width: 260 }} />
                      </Form.Item>
                      <MinusCircleOutlined onClick={() => remove(row.name)} aria-label="remove" />
                    </Flex>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add()} style={{ width: 220 }}>
                    {t('register.addSpec')}
                  </Button>
                  <Form.ErrorList errors={errors} />
                </Flex>
              )}
            </Form.List>
          </Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" loading={register.isPending} data-testid="register-submit">
              {t('register.submit')}
            </Button>
            <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          </Flex>
        </Form>
      </Card>
    </>
  );
}

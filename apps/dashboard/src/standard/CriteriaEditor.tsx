import type { CriterionOp, Dimension, MetricCatalogEntry } from '@app/contract';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber, Select, Switch, Table } from 'antd';
import { CRITERION_OPS, DIMENSIONS } from '../enums';
import { useT } from '../i18n/i18n';
import { MetricPicker } from './MetricPicker';

export interface CriterionValues {
  key: string;
  dimension: Dimension;
  metric: string;
  op: CriterionOp;
  threshold: number;
  weight: number;
  required: boolean;
}

export const BLANK_CRITERION: Partial<CriterionValues> = {
  dimension: 'technical_leadership',
  op: 'gte',
  weight: 1,
  required: false,
};

/** The nested fields the editor shows, where the field's validation errors are placed. */
export const CRITERION_FIELDS = ['key', 'dimension', 'metric', 'op', 'threshold', 'weight', 'required'].map(
  (name) => `criteria.*.${name}`,
);

const cell = { style: { marginBottom: 0 } };

/** A draft's criteria as rows of a table, each cell a field of the form's `criteria` list. */
export function CriteriaEditor({ catalog }: { catalog: readonly MetricCatalogEntry[] }) {
  const t = useT();
  return (
    <Form.List name="criteria">
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            data-testid="criteria-editor"
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: t('standard.key'),
                key: 'key',
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'key']} rules={[{ required: true, whitespace: true }]}>
                    <Input style={{ width: 130 }} maxLength={64} />
                  </Form.Item>
                ),
              },
              {
                title: t('standard.dimension'),
                key: 'dimension',
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'dimension']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 130 }}
                      popupMatchSelectWidth={false}
                      options={DIMENSIONS.map((dimension) => ({
                        value: dimension,
                        label: t(`dimension.${dimension}`),
                      }))}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('standard.metric'),
                key: 'metric',
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'metric']} rules={[{ required: true }]}>
                    <MetricPicker catalog={catalog} />
                  </Form.Item>
                ),
              },
              {
                title: t('standard.op'),
                key: 'op',
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'op']} rules={[{ required: true }]}>
                    <Select
                      style={{ width: 64 }}
                      options={CRITERION_OPS.map((op) => ({ value: op, label: t(`criterionOp.${op}`) }))}
                    />
                  </Form.Item>
                ),
              },
              {
                title: t('standard.threshold'),
                key: 'threshold',
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'threshold']} rules={[{ required: true }]}>
                    <InputNumber style={{ width: 100 }} />
                  </Form.Item>
                ),
              },
              {
                title: t('standard.weight'),
                key: 'weight',
                render: (_, field) => (
                  <Form.Item {...cell} name={[field.name, 'weight']} rules={[{ required: true }]}>
                    <InputNumber style={{ width: 72 }} min={0.001} max={1000} />
                  </Form.Item>
                ),
              },
              {
                title: t('standard.required'),
                key: 'required',
                render: (_, field) => (
                  <Flex gap={8} align="center">
                    <Form.Item {...cell} name={[field.name, 'required']} valuePropName="checked">
                      <Switch size="small" />
                    </Form.Item>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('standard.remove')}
                      disabled={fields.length === 1}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <Button
            style={{ marginTop: 12 }}
            icon={<PlusOutlined />}
            onClick={() => add({ ...BLANK_CRITERION })}
            data-testid="add-criterion"
          >
            {t('standard.addCriterion')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

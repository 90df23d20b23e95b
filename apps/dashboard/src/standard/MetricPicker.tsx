import type { MetricCatalogEntry } from '@app/contract';
import { Flex, Input, Select, Typography } from 'antd';
import { useT } from '../i18n/i18n';
import { choiceOf, metricOf, placeholderOf } from './metric-key';

interface MetricPickerProps {
  /** Given by Form.Item: the select carries it, so the field's label and errors point at it. */
  id?: string;
  value?: string;
  onChange?: (metric: string) => void;
  /** The catalog entries a criterion of this set may name. */
  catalog: readonly MetricCatalogEntry[];
}

/**
 * A criterion's metric from the catalog: a concrete metric as it is, or a template (`spec.<name>`,
 * `task.…:<taskKey>`) with the spec name or task key typed beside it.
 */
export function MetricPicker({ id, value, onChange, catalog }: MetricPickerProps) {
  const t = useT();
  const keys = catalog.map((entry) => entry.key);
  const { key, param } = choiceOf(value, keys);
  const placeholder = key ? placeholderOf(key) : null;
  return (
    <Flex gap={4}>
      <Select
        id={id}
        showSearch={{ optionFilterProp: 'value' }}
        style={{ width: 230 }}
        placeholder={t('standard.pickMetric')}
        value={key ?? undefined}
        onChange={(next: string) => onChange?.(metricOf(next, param))}
        popupMatchSelectWidth={420}
        options={catalog.map((entry) => ({ value: entry.key, label: entry.key, title: entry.key, entry }))}
        optionRender={(option) => (
          <Flex vertical>
            <Typography.Text code>{option.data.entry.key}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'normal' }}>
              {option.data.entry.unit} · {option.data.entry.description}
            </Typography.Text>
          </Flex>
        )}
      />
      {key && placeholder && (
        <Input
          id={id ? `${id}_param` : undefined}
          style={{ width: 120 }}
          placeholder={t(placeholder === 'name' ? 'standard.specName' : 'standard.taskKey')}
          value={param}
          onChange={(event) => onChange?.(metricOf(key, event.target.value))}
        />
      )}
    </Flex>
  );
}

/**
 * The coverage part of the contract form: all sites, chosen sites, or chosen assets picked by
 * serial or pasted as a list. It lives inside the contract form and fills its `coverage`,
 * `siteIds`, `assetIds` and `serials` fields.
 */
import { Alert, Card, Form, Input, Radio, Select, Spin } from 'antd';
import { useState } from 'react';
import { useSites } from '../../../web/app/organisation-lookups.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { currentAnswer, isAwaiting, type RemoteSearch } from '../../../web/shell/remote-search.ts';
import { useOrganisationAssets, type Asset, type ContractDetail } from './contracts.queries.ts';

export type CoverageMode = 'all' | 'sites' | 'assets';

const assetLabel = (a: Pick<Asset, 'serial' | 'vendor'> & { model: string; site?: string | null }) =>
  [a.serial, `${a.vendor} ${a.model}`, a.site].filter(Boolean).join(' · ');

/** One serial a line (or separated by commas or spaces), without duplicates. */
export const parseSerials = (text: string | undefined) => [
  ...new Set(
    (text ?? '')
      .split(/[\s,，;；]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

/**
 * The coverage card. `assetSearch` belongs to the form, which clears it when the customer
 * changes; `organisationId` is the chosen customer (none yet: only "all sites" can be set).
 */
export function ContractCoveragePicker({
  contract,
  organisationId,
  assetSearch,
}: {
  contract?: ContractDetail;
  organisationId: number | undefined;
  assetSearch: RemoteSearch;
}) {
  const t = useT();
  const form = Form.useFormInstance();
  const coverage = (Form.useWatch('coverage', form) as CoverageMode | undefined) ?? 'all';
  const sites = useSites(organisationId);
  const assets = useOrganisationAssets(organisationId, assetSearch.query);
  // Labels of assets picked earlier stay known when a new search replaces the options.
  const [knownAssets, setKnownAssets] = useState<Map<number, string>>(
    () =>
      new Map(
        (contract?.assets ?? []).map((a) => [
          a.id,
          assetLabel({ ...a, site: contract?.sites.find((s) => s.id === a.siteId)?.name }),
        ]),
      ),
  );
  const assetOptions = new Map(knownAssets);
  for (const a of currentAnswer(assetSearch, assets))
    assetOptions.set(a.id, assetLabel({ ...a, model: a.model.model, site: a.site?.name }));

  return (
    <Card size="small" title={t('contracts.form.section.coverage')}>
      <Form.Item name="coverage" label={t('contracts.field.coverage')} required>
        <Radio.Group
          id="contract-coverage"
          options={[
            { value: 'all', label: t('contracts.coverage.allSites') },
            { value: 'sites', label: t('contracts.form.coverageSites') },
            { value: 'assets', label: t('contracts.form.coverageAssets') },
          ]}
        />
      </Form.Item>
      {!organisationId && coverage !== 'all' && (
        <Alert type="info" showIcon title={t('contracts.form.pickCustomerFirst')} />
      )}
      {organisationId !== undefined && coverage === 'sites' && (
        <Form.Item
          name="siteIds"
          label={t('contracts.field.sites')}
          rules={[{ required: true, message: t('contracts.form.sitesRequired') }]}
        >
          <Select
            id="contract-sites"
            mode="multiple"
            loading={sites.isFetching}
            showSearch={{ optionFilterProp: 'label' }}
            options={(sites.data ?? []).map((s) => ({
              value: s.id,
              label: s.city ? `${s.name} · ${s.city}` : s.name,
            }))}
          />
        </Form.Item>
      )}
      {organisationId !== undefined && coverage === 'assets' && (
        <>
          <Form.Item
            name="assetIds"
            label={t('contracts.field.assets')}
            extra={t('contracts.form.assetsHint')}
            dependencies={['serials']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_rule, value: number[] | undefined) => {
                  if (!value?.length && parseSerials(getFieldValue('serials') as string).length === 0)
                    throw new Error(t('contracts.form.assetsRequired'));
                },
              }),
            ]}
          >
            <Select
              id="contract-assets"
              mode="multiple"
              showSearch={{ filterOption: false, onSearch: assetSearch.onSearch }}
              loading={isAwaiting(assetSearch, assets)}
              placeholder={t('contracts.form.assetsPlaceholder')}
              notFoundContent={
                isAwaiting(assetSearch, assets) ? <Spin size="small" /> : t('contracts.form.noAssets')
              }
              onChange={(ids: number[]) =>
                setKnownAssets((known) => {
                  const next = new Map(known);
                  for (const assetId of ids) next.set(assetId, assetOptions.get(assetId) ?? String(assetId));
                  return next;
                })
              }
              options={[...assetOptions].map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item
            name="serials"
            label={t('contracts.field.serials')}
            extra={t('contracts.form.serialsHint')}
          >
            <Input.TextArea
              id="contract-serials"
              autoSize={{ minRows: 2, maxRows: 8 }}
              spellCheck={false}
              className="contract-serials"
            />
          </Form.Item>
        </>
      )}
    </Card>
  );
}

/**
 * The case page's RMA card: the case's spare requests (number → the RMA, state, part) and, for the
 * roles that may request one (RMA_ENGINEER_ROLES, checked again by the server), "Request spare part
 * (RMA)" on an open case: faulty serial (the case's unit by default), part, quantity, reason.
 */
import { ToolOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Form, Input, InputNumber, List, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { AppLink } from '../../../web/app/app-link.tsx';
import { useMe } from '../../../web/app/current-session.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { RMA_ENGINEER_ROLES } from '../rma-status.ts';
import { StepProblem } from './rma-form-errors.tsx';
import { PartLabel, RmaStateTag } from './rma-display.tsx';
import { useCaseRmas, useRequestRma, useSparePartSearch } from './rma.queries.ts';
import './rma.css';
import { currentAnswer, isAwaiting, useRemoteSearch } from '../../../web/shell/remote-search.ts';

export interface RmaCaseCardProps {
  caseId: number;
  /** The case's unit: the faulty serial's default. */
  assetSerial: string | null;
  /** A spare request needs an open case that was not merged into another. */
  caseOpen: boolean;
}

export function RmaCaseCard({ caseId, assetSerial, caseOpen }: RmaCaseCardProps) {
  const t = useT();
  const me = useMe();
  const rmas = useCaseRmas(caseId);
  const [requesting, setRequesting] = useState(false);
  const mayRequest = caseOpen && me.roles.some((r) => (RMA_ENGINEER_ROLES as readonly string[]).includes(r));

  return (
    <Card
      size="small"
      title={t('rma.card.title')}
      id="case-rmas"
      extra={
        mayRequest && (
          <Button size="small" id="request-rma" icon={<ToolOutlined />} onClick={() => setRequesting(true)}>
            {t('rma.card.request')}
          </Button>
        )
      }
    >
      {rmas.isError ? (
        <ErrorAlert error={rmas.error} />
      ) : (
        <List
          size="small"
          loading={rmas.isPending}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rma.card.none')} />,
          }}
          dataSource={rmas.data ?? []}
          renderItem={(rma) => (
            <List.Item className="rma-card__item" data-rma={rma.number}>
              <Space wrap size={[8, 4]}>
                <AppLink href={`/rmas/${rma.id}`} className="rma-mono">
                  {rma.number}
                </AppLink>
                <RmaStateTag state={rma.state} />
                <PartLabel part={rma.part} quantity={rma.quantity} />
              </Space>
            </List.Item>
          )}
        />
      )}
      {requesting && (
        <RequestRmaDialog caseId={caseId} assetSerial={assetSerial} onClose={() => setRequesting(false)} />
      )}
    </Card>
  );
}

interface RequestFields {
  faultySerial: string;
  partId?: number;
  quantity: number;
  reason: string;
}

const REQUEST_FIELDS = ['faultySerial', 'partId', 'quantity', 'reason'];

function RequestRmaDialog({
  caseId,
  assetSerial,
  onClose,
}: {
  caseId: number;
  assetSerial: string | null;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<RequestFields>();
  const partSearch = useRemoteSearch();
  const parts = useSparePartSearch(partSearch.query);
  const request = useRequestRma(caseId);
  const [problem, setProblem] = useState<unknown>(null);

  const submit = (fields: RequestFields) => {
    setProblem(null);
    request.mutate(
      {
        faultySerial: fields.faultySerial.trim(),
        partId: fields.partId,
        quantity: fields.quantity,
        reason: fields.reason.trim(),
      },
      {
        onSuccess: (rma) => {
          void message.success(t('rma.card.requested', { number: rma.number }));
          onClose();
        },
        onError: (error) => {
          // A part asked for by number answers on partNumber; the form picks parts by id.
          if (!showFieldErrors(form, error, t, REQUEST_FIELDS, { aliases: { partNumber: 'partId' } }))
            setProblem(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('rma.card.request')}
      okText={t('rma.card.submit')}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: 'request-rma-ok' }}
      confirmLoading={request.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form<RequestFields>
        form={form}
        layout="vertical"
        name="request-rma"
        initialValues={{ faultySerial: assetSerial ?? '', quantity: 1 }}
        onFinish={submit}
      >
        <Form.Item
          name="faultySerial"
          label={t('rma.field.faultySerial')}
          extra={t('rma.request.serialHint')}
          rules={[{ required: true, whitespace: true, message: t('rma.field.serialRequired') }]}
        >
          <Input id="request-rma-serial" maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="partId"
          label={t('rma.field.part')}
          rules={[{ required: true, message: t('rma.request.partRequired') }]}
        >
          <Select
            id="request-rma-part"
            showSearch={{ filterOption: false, onSearch: partSearch.onSearch }}
            placeholder={t('rma.request.partPlaceholder')}
            loading={isAwaiting(partSearch, parts)}
            notFoundContent={parts.isFetching ? undefined : t('rma.request.noPart')}
            options={currentAnswer(partSearch, parts).map((p) => ({
              value: p.id,
              label: `${p.partNumber} ${p.name}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('rma.field.quantity')} rules={[{ required: true }]}>
          <InputNumber id="request-rma-quantity" min={1} max={1000} precision={0} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('rma.field.reason')}
          rules={[{ required: true, whitespace: true, message: t('rma.request.reasonRequired') }]}
        >
          <Input.TextArea
            id="request-rma-reason"
            autoSize={{ minRows: 3 }}
            maxLength={4000}
            placeholder={t('rma.request.reasonPlaceholder')}
          />
        </Form.Item>
        <StepProblem error={problem} conflict={['rma.request.conflictTitle', 'rma.request.conflictDetail']} />
      </Form>
    </Modal>
  );
}

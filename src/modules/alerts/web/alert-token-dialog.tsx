/**
 * The token of a new (or rotated) alert source, shown this once: the token, the webhook address,
 * and the configuration snippet for the monitoring system, each with a copy button.
 */
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { webhookSnippet, webhookUrl } from './alert-source-snippets.ts';
import type { AlertSourceWithToken } from './alerts.queries.ts';

export function AlertTokenDialog({ source, onClose }: { source: AlertSourceWithToken; onClose: () => void }) {
  const t = useT();
  const url = webhookUrl(source.webhookPath);
  const snippet = webhookSnippet(source.kind, url, source.token);
  return (
    <Modal
      open
      title={t('alerts.token.title', { name: source.name })}
      onCancel={onClose}
      footer={
        <Button id="alert-token-done" type="primary" onClick={onClose}>
          {t('alerts.token.done')}
        </Button>
      }
      maskClosable={false}
      width={720}
    >
      <Alert type="warning" showIcon title={t('alerts.token.once')} className="alerts-token-warning" />
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('alerts.token.token')}>
          <Typography.Text id="alert-source-token" className="alerts-mono" copyable>
            {source.token}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('alerts.token.url')}>
          <Typography.Text id="alert-source-url" className="alerts-mono" copyable>
            {url}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5} className="alerts-snippet-title">
        {t(`alerts.token.snippet.${source.kind}`)}
        <Typography.Text copyable={{ text: snippet }} className="alerts-snippet-copy" />
      </Typography.Title>
      <pre id="alert-source-snippet" className="alerts-snippet">
        {snippet}
      </pre>
    </Modal>
  );
}

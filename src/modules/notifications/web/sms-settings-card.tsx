/**
 * The SMS part of the channels form: no SMS, Aliyun or Tencent Cloud; the provider's account
 * fields, its write-only secret, the signature, and which approved provider template (with its
 * variables in order) carries each TACdesk message. SMS goes out for P1/P2 cases only. A saved
 * provider can send a test SMS (through the first mapped template, with sample values).
 */
import { Card, Form, Input, Radio, Select, Tag, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ChannelTestButton } from './channel-test-button.tsx';
import { SMS_TEMPLATES, SMS_VARIABLES, type ChannelSettingsView } from '../channels.api.ts';
import type { ChannelFormValues, SmsProvider } from './channel-form.ts';

const PROVIDERS: SmsProvider[] = ['none', 'aliyun', 'tencent'];

export function SmsSettingsCard({
  form,
  stored,
}: {
  form: FormInstance<ChannelFormValues>;
  stored: ChannelSettingsView['sms'];
}) {
  const t = useT();
  const provider = Form.useWatch('smsProvider', form) ?? stored?.provider ?? 'none';
  // The stored secret belongs to the stored provider: switching provider needs a new one.
  const secretSet = stored?.provider === provider;
  const required = (message = t('notifications.channels.required')) => [
    { required: true, whitespace: true, message },
  ];

  const secretItem = (name: 'accessKeySecret' | 'secretKey', label: string) => (
    <Form.Item
      name={['sms', name]}
      label={label}
      extra={secretSet ? t('notifications.channels.secretKeep') : undefined}
      rules={secretSet ? [] : required()}
    >
      <Input.Password
        id={`sms-${name}`}
        autoComplete="new-password"
        placeholder={secretSet ? t('notifications.channels.secretSet') : undefined}
        prefix={secretSet ? <Tag color="green">{t('notifications.channels.set')}</Tag> : undefined}
      />
    </Form.Item>
  );

  return (
    <Card className="channel-card" size="small" title={t('notifications.channels.sms')}>
      <Form.Item name="smsProvider" label={t('notifications.channels.smsProvider')}>
        <Radio.Group
          id="sms-provider"
          optionType="button"
          options={PROVIDERS.map((p) => ({ value: p, label: t(`notifications.channels.provider.${p}`) }))}
        />
      </Form.Item>
      {provider === 'none' ? (
        <Typography.Paragraph type="secondary">{t('notifications.channels.smsOff')}</Typography.Paragraph>
      ) : (
        <>
          <div className="channel-grid">
            {provider === 'aliyun' ? (
              <>
                <Form.Item name={['sms', 'accessKeyId']} label="AccessKey ID" rules={required()}>
                  <Input id="sms-accessKeyId" autoComplete="off" maxLength={100} />
                </Form.Item>
                {secretItem('accessKeySecret', 'AccessKey Secret')}
              </>
            ) : (
              <>
                <Form.Item name={['sms', 'secretId']} label="SecretId" rules={required()}>
                  <Input id="sms-secretId" autoComplete="off" maxLength={100} />
                </Form.Item>
                {secretItem('secretKey', 'SecretKey')}
                <Form.Item
                  name={['sms', 'sdkAppId']}
                  label={t('notifications.channels.sdkAppId')}
                  rules={required()}
                >
                  <Input id="sms-sdkAppId" inputMode="numeric" maxLength={20} />
                </Form.Item>
                <Form.Item name={['sms', 'region']} label={t('notifications.channels.region')}>
                  <Input id="sms-region" placeholder="ap-guangzhou" maxLength={40} />
                </Form.Item>
              </>
            )}
            <Form.Item
              name={['sms', 'signName']}
              label={t('notifications.channels.signName')}
              extra={t('notifications.channels.signNameHint')}
              rules={required()}
            >
              <Input id="sms-signName" maxLength={100} />
            </Form.Item>
            <Form.Item
              name={['sms', 'endpoint']}
              label={t('notifications.channels.endpoint')}
              extra={t('notifications.channels.endpointHint')}
            >
              <Input
                id="sms-endpoint"
                placeholder={
                  provider === 'aliyun'
                    ? 'https://dysmsapi.aliyuncs.com/'
                    : 'https://sms.tencentcloudapi.com/'
                }
                maxLength={2000}
              />
            </Form.Item>
          </div>
          <Typography.Title level={5}>{t('notifications.channels.smsTemplates')}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('notifications.channels.smsTemplatesHint')}
          </Typography.Paragraph>
          {SMS_TEMPLATES.map((name) => (
            <div key={name} className="channel-grid">
              <Form.Item
                name={['sms', 'templates', name, 'code']}
                label={t(`notifications.channels.smsTemplate.${name}`)}
              >
                <Input
                  id={`sms-template-${name.replace('.', '-')}`}
                  placeholder={provider === 'aliyun' ? 'SMS_123456789' : '1234567'}
                  maxLength={40}
                />
              </Form.Item>
              <Form.Item
                name={['sms', 'templates', name, 'params']}
                label={t('notifications.channels.smsParams')}
              >
                <Select
                  mode="multiple"
                  allowClear
                  options={SMS_VARIABLES.map((v) => ({
                    value: v,
                    label: t(`notifications.channels.smsVariable.${v}`),
                  }))}
                />
              </Form.Item>
            </div>
          ))}
          <SmsTest saved={stored !== null} />
        </>
      )}
    </Card>
  );
}

/** A test SMS to a number typed here, or to the administrator's own mobile. */
function SmsTest({ saved }: { saved: boolean }) {
  const t = useT();
  const [phone, setPhone] = useState('');
  return (
    <div className="channel-test-row">
      <Form.Item label={t('notifications.test.smsPhone')}>
        <Input
          id="sms-test-phone"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          maxLength={30}
          placeholder={t('notifications.test.smsPhonePlaceholder')}
        />
      </Form.Item>
      <ChannelTestButton
        id="sms-test"
        label={t('notifications.test.sms')}
        body={() => ({ channel: 'sms', phone: phone.trim() || undefined })}
        disabledReason={saved ? undefined : t('notifications.test.saveFirst')}
      />
    </div>
  );
}

/**
 * The company logo on the settings page: the current one (or the built-in mark), upload a PNG,
 * JPEG or WebP of at most 256 KB (read in the browser, checked again by the server by its bytes),
 * or go back to the built-in mark. Every page's header follows after the upload.
 */
import { DeleteOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Typography, Upload } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { brandingQueryKey, logoUrl, useBranding, type Branding } from '../../../web/app/branding.ts';
import { api } from '../../../web/api/client.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { BrandLogo } from '../../../web/shell/brand-mark.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { LOGO_TYPES, MAX_LOGO_BYTES } from '../logo-rules.ts';

const readAsDataUrl = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsDataURL(file);
  });

export function LogoCard() {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const branding = useBranding();
  const done = (saved: Branding) => queryClient.setQueryData(brandingQueryKey, saved);
  const upload = useMutation({
    mutationFn: async (file: File) =>
      api.put<Branding>('/api/branding/logo', { dataUrl: await readAsDataUrl(file) }),
    onSuccess: (saved) => {
      done(saved);
      void message.success(t('settings.logo.saved'));
    },
    meta: { handlesErrors: true },
  });
  const remove = useMutation({
    mutationFn: () => api.delete<Branding>('/api/branding/logo'),
    onSuccess: done,
    meta: { handlesErrors: true },
  });
  const version = branding.data?.logoVersion ?? null;

  return (
    <Card size="small" title={t('settings.logo.title')} id="settings-logo" className="settings-logo">
      <Space align="center" size="large" wrap>
        <span className="settings-logo__preview">
          {version ? (
            <img src={logoUrl(version)} alt={t('settings.logo.current')} height={48} />
          ) : (
            <BrandLogo size={48} />
          )}
        </span>
        <Space orientation="vertical" size={4}>
          <Typography.Text type="secondary">
            {version ? t('settings.logo.custom') : t('settings.logo.builtIn')}
          </Typography.Text>
          <Typography.Text type="secondary">{t('settings.logo.hint')}</Typography.Text>
        </Space>
      </Space>
      <Space wrap className="settings-logo__actions">
        <Upload
          accept={LOGO_TYPES.join(',')}
          showUploadList={false}
          beforeUpload={(file) => {
            if (!(LOGO_TYPES as readonly string[]).includes(file.type))
              void message.error(t('settings.logo.wrongType'));
            else if (file.size > MAX_LOGO_BYTES) void message.error(t('settings.logo.tooBig'));
            else upload.mutate(file as unknown as File);
            return false;
          }}
        >
          <Button id="settings-logo-upload" icon={<UploadOutlined />} loading={upload.isPending}>
            {version ? t('settings.logo.replace') : t('settings.logo.upload')}
          </Button>
        </Upload>
        {version && (
          <Popconfirm title={t('settings.logo.removeConfirm')} onConfirm={() => remove.mutate()}>
            <Button id="settings-logo-remove" icon={<DeleteOutlined />} danger loading={remove.isPending}>
              {t('settings.logo.remove')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <ErrorAlert error={upload.error ?? remove.error} />
    </Card>
  );
}

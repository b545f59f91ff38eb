/**
 * Dialogs of the customer admin screens: an organisation (add/change), a site, a contact (with
 * primary flag and preferred channel), and the frame they share (the portal-login dialog is in
 * portal-login-dialog.tsx). Server field errors appear at their fields; the rest as an alert
 * under the form.
 */
import { Checkbox, Col, Form, Input, Modal, Radio, Row, Select, Switch } from 'antd';
import { useState, type ReactNode } from 'react';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import type { MessageKey } from '../../../web/i18n/translate.ts';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import type { CONTACT_CHANNELS } from '../organisations.api.ts';
import {
  useBranches,
  useSaveContact,
  useSaveOrganisation,
  useSaveSite,
  type Contact,
  type Organisation,
  type Site,
} from './organisations.queries.ts';

type Channel = (typeof CONTACT_CHANNELS)[number];
/** The channels of the API (a value import of the contract would pull zod into the bundle). */
export const CHANNELS: readonly Channel[] = ['phone', 'email', 'sms', 'wecom', 'portal'];
export const CHANNEL_LABELS: Record<Channel, MessageKey> = {
  phone: 'organisations.channel.phone',
  email: 'organisations.channel.email',
  sms: 'organisations.channel.sms',
  wecom: 'organisations.channel.wecom',
  portal: 'organisations.channel.portal',
};

/** Optional text fields: an emptied field clears the value on the server. */
const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

interface DialogFrameProps {
  title: string;
  okText: string;
  pending: boolean;
  submitId: string;
  onCancel: () => void;
  onOk: () => void;
  error: unknown;
  children: ReactNode;
  width?: number;
}

/** The modal every customer-admin dialog sits in: cancel, submit, the error no field took. */
export function DialogFrame(props: DialogFrameProps) {
  const t = useT();
  return (
    <Modal
      open
      title={props.title}
      okText={props.okText}
      cancelText={t('dialog.cancel')}
      okButtonProps={{ id: props.submitId }}
      confirmLoading={props.pending}
      onCancel={props.onCancel}
      onOk={props.onOk}
      destroyOnHidden
      width={props.width ?? 620}
    >
      {props.children}
      <ErrorAlert error={props.error} />
    </Modal>
  );
}

interface OrganisationFields {
  name: string;
  code?: string;
  industry?: string;
  branchId?: number | null;
  phone?: string;
  address?: string;
  notes?: string;
  active: boolean;
}
const ORGANISATION_FIELDS = ['name', 'code', 'industry', 'branchId', 'phone', 'address', 'notes', 'active'];

export function OrganisationDialog({
  organisation,
  onClose,
  onSaved,
}: {
  organisation?: Organisation;
  onClose: () => void;
  onSaved?: (org: Organisation) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<OrganisationFields>();
  const branches = useBranches();
  const save = useSaveOrganisation();
  const [error, setError] = useState<unknown>(null);

  const submit = (f: OrganisationFields) => {
    setError(null);
    save.mutate(
      {
        id: organisation?.id,
        body: {
          name: f.name.trim(),
          code: blankToNull(f.code),
          industry: blankToNull(f.industry),
          branchId: f.branchId ?? null,
          phone: blankToNull(f.phone),
          address: blankToNull(f.address),
          notes: blankToNull(f.notes),
          ...(organisation && { active: f.active }),
        },
      },
      {
        onSuccess: (org) => {
          onClose();
          onSaved?.(org);
        },
        onError: (e) => {
          if (!showFieldErrors(form, e, t, ORGANISATION_FIELDS)) setError(e);
        },
      },
    );
  };

  return (
    <DialogFrame
      title={
        organisation ? t('organisations.editTitle', { name: organisation.name }) : t('organisations.new')
      }
      okText={organisation ? t('organisations.save') : t('organisations.create')}
      submitId="organisation-submit"
      pending={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      error={error}
    >
      <Form<OrganisationFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={
          organisation
            ? {
                name: organisation.name,
                code: organisation.code ?? '',
                industry: organisation.industry ?? '',
                branchId: organisation.branchId,
                phone: organisation.phone ?? '',
                address: organisation.address ?? '',
                notes: organisation.notes ?? '',
                active: organisation.active,
              }
            : { active: true }
        }
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('organisations.field.name')}
          rules={[{ required: true, whitespace: true, message: t('organisations.required') }]}
        >
          <Input id="organisation-name" autoComplete="off" maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="code"
              label={t('organisations.field.code')}
              extra={t('organisations.field.codeHint')}
            >
              <Input id="organisation-code" autoComplete="off" maxLength={40} spellCheck={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="industry" label={t('organisations.field.industry')}>
              <Input id="organisation-industry" autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="branchId"
              label={t('organisations.field.branch')}
              extra={t('organisations.field.branchHint')}
            >
              <Select
                id="organisation-branch"
                allowClear
                options={(branches.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('organisations.field.phone')}>
              <Input id="organisation-phone" type="tel" autoComplete="off" maxLength={40} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('organisations.field.address')}>
          <Input id="organisation-address" autoComplete="off" maxLength={300} />
        </Form.Item>
        <Form.Item
          name="notes"
          label={t('organisations.field.notes')}
          extra={t('organisations.field.notesHint')}
        >
          <Input.TextArea id="organisation-notes" rows={3} maxLength={2000} />
        </Form.Item>
        {organisation && (
          <Form.Item name="active" label={t('organisations.field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </DialogFrame>
  );
}

interface SiteFields {
  name: string;
  city?: string;
  address?: string;
  notes?: string;
  active: boolean;
}

export function SiteDialog({
  organisationId,
  site,
  onClose,
}: {
  organisationId: number;
  site?: Site;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<SiteFields>();
  const save = useSaveSite(organisationId);
  const [error, setError] = useState<unknown>(null);

  const submit = (f: SiteFields) => {
    setError(null);
    save.mutate(
      {
        id: site?.id,
        body: {
          name: f.name.trim(),
          city: blankToNull(f.city),
          address: blankToNull(f.address),
          notes: blankToNull(f.notes),
          ...(site && { active: f.active }),
        },
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          if (!showFieldErrors(form, e, t, ['name', 'city', 'address', 'notes', 'active'])) setError(e);
        },
      },
    );
  };

  return (
    <DialogFrame
      title={site ? t('organisations.site.editTitle', { name: site.name }) : t('organisations.site.new')}
      okText={site ? t('organisations.save') : t('organisations.create')}
      submitId="site-submit"
      pending={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      error={error}
    >
      <Form<SiteFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={
          site
            ? {
                name: site.name,
                city: site.city ?? '',
                address: site.address ?? '',
                notes: site.notes ?? '',
                active: site.active,
              }
            : { active: true }
        }
        onFinish={submit}
      >
        <Row gutter={12}>
          <Col xs={24} sm={16}>
            <Form.Item
              name="name"
              label={t('organisations.site.name')}
              rules={[{ required: true, whitespace: true, message: t('organisations.required') }]}
            >
              <Input id="site-name" autoComplete="off" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="city" label={t('organisations.site.city')}>
              <Input id="site-city" autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('organisations.site.address')}>
          <Input id="site-address" autoComplete="off" maxLength={300} />
        </Form.Item>
        <Form.Item name="notes" label={t('organisations.site.notes')}>
          <Input.TextArea id="site-notes" rows={2} maxLength={2000} />
        </Form.Item>
        {site && (
          <Form.Item name="active" label={t('organisations.field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </DialogFrame>
  );
}

interface ContactFields {
  name: string;
  title?: string;
  siteId?: number | null;
  phone?: string;
  mobile?: string;
  email?: string;
  preferredChannel: Channel;
  isPrimary: boolean;
  active: boolean;
}
const CONTACT_FIELDS = [
  'name',
  'title',
  'siteId',
  'phone',
  'mobile',
  'email',
  'preferredChannel',
  'isPrimary',
  'active',
];

export function ContactDialog({
  organisationId,
  contact,
  sites,
  onClose,
}: {
  organisationId: number;
  contact?: Contact;
  sites: Site[];
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<ContactFields>();
  const save = useSaveContact(organisationId);
  const [error, setError] = useState<unknown>(null);

  const submit = (f: ContactFields) => {
    setError(null);
    save.mutate(
      {
        id: contact?.id,
        body: {
          name: f.name.trim(),
          title: blankToNull(f.title),
          siteId: f.siteId ?? null,
          phone: blankToNull(f.phone),
          mobile: blankToNull(f.mobile),
          email: blankToNull(f.email),
          preferredChannel: f.preferredChannel,
          isPrimary: f.isPrimary,
          ...(contact && { active: f.active }),
        },
      },
      {
        onSuccess: onClose,
        onError: (e) => {
          if (!showFieldErrors(form, e, t, CONTACT_FIELDS)) setError(e);
        },
      },
    );
  };

  return (
    <DialogFrame
      title={
        contact
          ? t('organisations.contact.editTitle', { name: contact.name })
          : t('organisations.contact.new')
      }
      okText={contact ? t('organisations.save') : t('organisations.create')}
      submitId="contact-submit"
      pending={save.isPending}
      onCancel={onClose}
      onOk={() => form.submit()}
      error={error}
    >
      <Form<ContactFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={
          contact
            ? {
                name: contact.name,
                title: contact.title ?? '',
                siteId: contact.siteId,
                phone: contact.phone ?? '',
                mobile: contact.mobile ?? '',
                email: contact.email ?? '',
                preferredChannel: contact.preferredChannel,
                isPrimary: contact.isPrimary,
                active: contact.active,
              }
            : { preferredChannel: 'phone', isPrimary: false, active: true }
        }
        onFinish={submit}
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('organisations.contact.name')}
              rules={[{ required: true, whitespace: true, message: t('organisations.required') }]}
            >
              <Input id="contact-name" autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="title" label={t('organisations.contact.title')}>
              <Input id="contact-title" autoComplete="off" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="mobile" label={t('organisations.contact.mobile')}>
              <Input id="contact-mobile" type="tel" autoComplete="off" maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={t('organisations.contact.phone')}>
              <Input id="contact-phone" type="tel" autoComplete="off" maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="email"
              label={t('organisations.contact.email')}
              rules={[{ type: 'email', message: t('organisations.emailInvalid') }]}
            >
              <Input id="contact-email" type="email" autoComplete="off" maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="siteId" label={t('organisations.contact.site')}>
              <Select
                id="contact-site"
                allowClear
                placeholder={t('organisations.contact.allSites')}
                options={sites.map((s) => ({ value: s.id, label: s.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="preferredChannel" label={t('organisations.contact.channel')}>
          <Radio.Group
            optionType="button"
            options={CHANNELS.map((c) => ({ value: c, label: t(CHANNEL_LABELS[c]) }))}
          />
        </Form.Item>
        <Form.Item name="isPrimary" valuePropName="checked">
          <Checkbox id="contact-primary">{t('organisations.contact.primaryHint')}</Checkbox>
        </Form.Item>
        {contact && (
          <Form.Item name="active" label={t('organisations.field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </DialogFrame>
  );
}

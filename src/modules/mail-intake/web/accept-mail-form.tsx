/**
 * Accepting a quarantined mail. As a new case: the customer (a contact already holding the
 * sender's address is offered in one click), then one of its contacts, or a new contact made from
 * the sender, and the priority. As a reply: the case, found by its number or words (the number in
 * the subject is searched first). Server field errors land at the fields.
 */
import { App, Button, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useContacts } from '../../../web/app/organisation-lookups.ts';
import { useT } from '../../../web/i18n/i18n-context.tsx';
import { ErrorAlert } from '../../../web/shell/error-alert.tsx';
import { showFieldErrors } from '../../../web/shell/form-errors.ts';
import { OrganisationSelect } from '../../../web/shell/list-page.tsx';
import { CasePicker } from './case-picker.tsx';
import { useSettleMail, type InboundMail } from './mail-intake.queries.ts';
import { caseNumberIn } from '../../cases/case-number.ts';

/** The contact choice's value for "add the sender as a new contact". */
const NEW_CONTACT = 0;

interface AcceptFields {
  as: 'case' | 'reply';
  organisationId?: number;
  /** A contact's id, NEW_CONTACT, or none. */
  contactId?: number;
  contactName?: string;
  priority: number;
  caseId?: number;
}

/** `children`: further actions beside the submit button (rejecting). */
export function AcceptMailForm({ mail, children }: { mail: InboundMail; children?: ReactNode }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AcceptFields>();
  const settle = useSettleMail(mail.id);
  const [error, setError] = useState<unknown>(null);
  const as = Form.useWatch('as', form) ?? 'case';
  const organisationId = Form.useWatch('organisationId', form);
  const contactId = Form.useWatch('contactId', form);
  const contacts = useContacts(organisationId);
  const known = mail.senderContacts.find((c) => c.organisation.id === organisationId)?.organisation;

  const submit = (f: AcceptFields) => {
    setError(null);
    const body =
      f.as === 'reply'
        ? { as: 'reply' as const, caseId: f.caseId! }
        : {
            as: 'case' as const,
            organisationId: f.organisationId!,
            contactId: f.contactId ? f.contactId : null,
            createContact: f.contactId === NEW_CONTACT,
            contactName: f.contactId === NEW_CONTACT ? f.contactName?.trim() || undefined : undefined,
            priority: f.priority,
          };
    settle.mutate(
      { action: 'accept', body },
      {
        onSuccess: (done) => void message.success(t('mail.accept.done', { number: done.case?.number ?? '' })),
        onError: (e) => {
          if (
            !showFieldErrors(
              form,
              e,
              t,
              ['organisationId', 'contactId', 'contactName', 'priority', 'caseId'],
              {
                aliases: { createContact: 'contactId' },
              },
            )
          )
            setError(e);
        },
      },
    );
  };

  return (
    <div className="mail-accept">
      <Typography.Title level={5} className="mail-accept__title">
        {t('mail.accept.title')}
      </Typography.Title>
      <Form<AcceptFields>
        form={form}
        layout="vertical"
        requiredMark="optional"
        initialValues={{
          as: caseNumberIn(mail.subject) ? 'reply' : 'case',
          priority: 3,
          contactName: mail.from?.name ?? undefined,
        }}
        onFinish={submit}
      >
        <Form.Item name="as">
          <Radio.Group
            id="mail-accept-as"
            optionType="button"
            options={[
              { value: 'case', label: t('mail.accept.asCase') },
              { value: 'reply', label: t('mail.accept.asReply') },
            ]}
          />
        </Form.Item>
        {as === 'case' ? (
          <>
            {mail.senderContacts.length > 0 && (
              <Space wrap className="mail-known-senders">
                <Typography.Text type="secondary">{t('mail.accept.knownSender')}</Typography.Text>
                {mail.senderContacts.map((c) => (
                  <Button
                    key={c.id}
                    size="small"
                    disabled={!c.organisation.active}
                    onClick={() =>
                      form.setFieldsValue({ organisationId: c.organisation.id, contactId: c.id })
                    }
                  >
                    {c.name} · {c.organisation.name}
                  </Button>
                ))}
              </Space>
            )}
            <Form.Item
              name="organisationId"
              label={t('mail.accept.customer')}
              rules={[{ required: true, message: t('mail.accept.customerRequired') }]}
            >
              <OrganisationSelect
                id="mail-accept-organisation"
                placeholder={t('mail.accept.customerPlaceholder')}
                known={known}
                onChange={() => form.setFieldValue('contactId', undefined)}
              />
            </Form.Item>
            <Space size={16} wrap align="start">
              <Form.Item name="contactId" label={t('mail.accept.contact')} className="mail-accept__contact">
                <Select
                  id="mail-accept-contact"
                  allowClear
                  disabled={!organisationId}
                  placeholder={t('mail.accept.noContact')}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={[
                    {
                      value: NEW_CONTACT,
                      label: t('mail.accept.newContact', { address: mail.from?.address ?? '' }),
                    },
                    ...(contacts.data ?? []).map((c) => ({ value: c.id, label: c.name })),
                  ]}
                />
              </Form.Item>
              {contactId === NEW_CONTACT && (
                <Form.Item name="contactName" label={t('mail.accept.contactName')}>
                  <Input id="mail-accept-contact-name" maxLength={100} placeholder={mail.from?.address} />
                </Form.Item>
              )}
              <Form.Item name="priority" label={t('mail.accept.priority')}>
                <Select
                  id="mail-accept-priority"
                  className="mail-accept__priority"
                  options={[1, 2, 3, 4].map((p) => ({ value: p, label: `P${p}` }))}
                />
              </Form.Item>
            </Space>
          </>
        ) : (
          <Form.Item
            name="caseId"
            label={t('mail.accept.case')}
            rules={[{ required: true, message: t('mail.accept.caseRequired') }]}
          >
            <CasePicker initialQuery={caseNumberIn(mail.subject) ?? undefined} />
          </Form.Item>
        )}
        <ErrorAlert error={error} />
        <Space wrap className="mail-accept__actions">
          <Button id="mail-accept-submit" type="primary" htmlType="submit" loading={settle.isPending}>
            {as === 'case' ? t('mail.accept.submitCase') : t('mail.accept.submitReply')}
          </Button>
          {children}
        </Space>
      </Form>
    </div>
  );
}

/**
 * New case by fax: the scanned pages (TIFF from the fax server, JPEG/PNG from a scanner, or a PDF),
 * the number it came from and when it arrived. Kept in the browser until the case is recorded, so
 * the case and its pages reach the server in one request.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Col, DatePicker, Form, Input, Row, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../web/i18n/i18n-context.tsx';

export interface FaxFieldValues {
  faxPages?: UploadFile[];
  faxNumber?: string;
  faxReceivedAt?: Dayjs;
}

/** The fax part of the form's values as the server takes them. */
export function faxRequest(values: FaxFieldValues) {
  return {
    pages: (values.faxPages ?? []).map((f) => f.originFileObj).filter((f): f is NonNullable<typeof f> => !!f),
    faxNumber: values.faxNumber?.trim() || null,
    receivedAt: values.faxReceivedAt ? values.faxReceivedAt.format() : null,
  };
}

export function FaxFields() {
  const t = useT();
  return (
    <>
      <Form.Item
        name="faxPages"
        label={t('newCase.fax.pages')}
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}
        rules={[{ required: true, type: 'array', min: 1, message: t('newCase.fax.pagesRequired') }]}
      >
        <Upload.Dragger
          id="new-case-fax-pages"
          multiple
          accept=".tif,.tiff,.jpg,.jpeg,.png,.pdf,image/*,application/pdf"
          beforeUpload={() => false}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('newCase.fax.pagesHint')}</p>
        </Upload.Dragger>
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="faxNumber"
            label={t('newCase.fax.number')}
            rules={[{ pattern: /^[0-9+()\- ]*$/, message: t('newCase.fax.numberInvalid') }]}
          >
            <Input id="new-case-fax-number" maxLength={40} inputMode="tel" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="faxReceivedAt" label={t('newCase.fax.receivedAt')}>
            <DatePicker id="new-case-fax-received" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

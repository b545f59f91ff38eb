/** Access rules of organisations, sites, contacts, branches and the audit trail. */
import { SYSTEM_CONTEXT } from '../../../src/platform/authz/actor.ts';
import { addSite } from '../../../src/modules/organisations/server/commands/save-site.ts';
import { next, orgRead, orgWrite, roles, signedIn, staffOnly, type RuleSet } from '../access-rules.ts';

/** A 1×1 PNG. */
const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export const organisationRules: RuleSet = {
  async setup({ t, admin, targets }) {
    const site = await addSite({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      organisationId: targets.orgA!,
      input: { name: '机房' },
    });
    const branch = (await admin.post('/api/branches', { code: 'WALK', name: '测试分公司' })).json();
    return { site: site.id, branch: branch.id };
  },
  rules: {
    listOrganisations: { expect: signedIn },
    getOrganisation: { expect: orgRead, id: (t) => t.orgA! },
    createOrganisation: {
      expect: roles('admin', 'hotline_operator'),
      body: () => ({ name: `客户 ${next()}` }),
    },
    updateOrganisation: {
      expect: orgWrite('admin', 'hotline_operator'),
      id: (t) => t.orgA!,
      body: () => ({ industry: '金融' }),
    },
    listSites: { expect: orgRead, id: (t) => t.orgA! },
    addSite: {
      expect: orgWrite('admin', 'hotline_operator'),
      id: (t) => t.orgA!,
      body: () => ({ name: `站点 ${next()}` }),
    },
    updateSite: {
      expect: orgWrite('admin', 'hotline_operator'),
      id: (t) => t.site!,
      body: () => ({ city: '广州' }),
    },
    listContacts: { expect: orgRead, id: (t) => t.orgA! },
    addContact: {
      expect: orgWrite('admin', 'hotline_operator'),
      id: (t) => t.orgA!,
      body: () => ({ name: `联系人 ${next()}` }),
    },
    getContact: { expect: orgRead, id: (t) => t.contactOwn! },
    updateContact: {
      expect: orgWrite('admin', 'hotline_operator'),
      id: (t) => t.contactOwn!,
      body: () => ({ title: '主任' }),
    },
    listBranches: { expect: staffOnly },
    createBranch: { expect: roles('admin'), body: () => ({ code: `B${next()}`, name: '新分公司' }) },
    updateBranch: { expect: roles('admin'), id: (t) => t.branch!, body: () => ({ phone: '010-1' }) },
    listAuditEvents: { expect: roles('admin') },
    getSettings: { expect: signedIn },
    getBranding: { expect: () => 'ok' },
    getBrandingLogo: { expect: () => 'ok' },
    uploadBrandingLogo: { expect: roles('admin'), body: () => ({ dataUrl: TINY_PNG }) },
    removeBrandingLogo: { expect: roles('admin') },
    liveEvents: { expect: signedIn, streaming: true },
    updateSettings: { expect: roles('admin'), body: () => ({ companyName: '某某系统集成有限公司' }) },
  },
};

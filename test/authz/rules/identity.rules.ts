/** Access rules of the identity module's operations. */
import { SYSTEM_CONTEXT } from '../../../src/platform/authz/actor.ts';
import { addContact } from '../../../src/modules/organisations/server/commands/save-contact.ts';
import { makeStaff } from '../../harness/test-app.ts';
import { next, orgWrite, roles, signedIn, staffOnly, type RuleSet } from '../access-rules.ts';

export const identityRules: RuleSet = {
  async setup({ t, admin, targets }) {
    const spare = await addContact({
      db: t.db,
      ctx: SYSTEM_CONTEXT,
      organisationId: targets.orgA!,
      input: { name: '无账号联系人' },
    });
    const victim = await makeStaff(t, ['field_engineer']);
    const token = (
      await admin.post('/api/api-tokens', { name: 'walk', scope: { kind: 'role', role: 'tac_engineer' } })
    ).json();
    return { contactWithoutLogin: spare.id, staffUser: victim.user.id, token: token.id };
  },
  rules: {
    getSession: { expect: signedIn },
    getMe: { expect: signedIn },
    updateMe: { expect: signedIn, body: () => ({ timeZone: 'Asia/Shanghai' }) },
    changeMyPassword: {
      expect: signedIn,
      body: () => ({ currentPassword: 'wrong-on-purpose', newPassword: 'Whatever-Pass-1' }),
    },
    listUsers: { expect: signedIn },
    getUser: {
      expect: (w) => (w === 'contact_own' || w === 'contact_foreign' ? 'hidden' : staffOnly(w)),
      id: (t) => t.staffUser!,
    },
    createStaffUser: {
      expect: roles('admin'),
      body: () => ({
        username: `u${next()}`,
        displayName: '新员工',
        roles: ['tac_engineer'],
        password: 'Initial-Pass-99',
      }),
    },
    updateUser: { expect: roles('admin'), id: (t) => t.staffUser!, body: () => ({ displayName: '改名' }) },
    resetUserPassword: {
      expect: roles('admin'),
      id: (t) => t.staffUser!,
      body: () => ({ newPassword: 'Reset-Pass-123' }),
    },
    createContactLogin: {
      expect: orgWrite('admin', 'hotline_operator'),
      id: (t) => t.contactWithoutLogin!,
      body: () => ({ username: `p${next()}`, password: 'Portal-Pass-123' }),
    },
    listApiTokens: { expect: roles('admin') },
    createApiToken: {
      expect: roles('admin'),
      body: () => ({ name: `t${next()}`, scope: { kind: 'role', role: 'tac_engineer' } }),
    },
    revokeApiToken: { expect: roles('admin'), id: (t) => t.token! },
    // Ends the caller's session: the walk runs it last.
    logout: { expect: signedIn },
  },
};

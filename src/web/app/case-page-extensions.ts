/** What other modules add to the case pages (see case-page-slots.tsx). Imported once by the routes. */
import { addCaseSideCard, addPortalCaseNotice } from './case-page-slots.tsx';

addCaseSideCard(() => import('../../modules/rma/web/rma-case-card.tsx').then((m) => m.RmaCaseCard));
addPortalCaseNotice(() =>
  import('../../modules/rma/web/portal-rma-notice.tsx').then((m) => m.PortalRmaNotice),
);

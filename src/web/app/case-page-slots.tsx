/**
 * Places on the case pages where other modules add their part: cards beside the console's case
 * (the RMA card) and notices on the portal's case page (the customer's RMA confirmation). The
 * cases module renders the slots; `case-page-extensions.ts` fills them at start-up, so neither
 * module imports the other's web code. Each part is lazily loaded with its own chunk.
 */
import { lazy, Suspense, type ComponentType } from 'react';

export interface CaseSideCardProps {
  caseId: number;
  assetSerial: string | null;
  /** Open and not merged: new work may start from the card. */
  caseOpen: boolean;
}

export interface PortalCaseNoticeProps {
  caseId: number;
}

type Loader<P> = () => Promise<ComponentType<P>>;

const sideCards: ComponentType<CaseSideCardProps>[] = [];
const portalNotices: ComponentType<PortalCaseNoticeProps>[] = [];

const lazily = <P extends object>(load: Loader<P>) =>
  lazy(() => load().then((Component) => ({ default: Component })));

export function addCaseSideCard(load: Loader<CaseSideCardProps>): void {
  sideCards.push(lazily(load));
}

export function addPortalCaseNotice(load: Loader<PortalCaseNoticeProps>): void {
  portalNotices.push(lazily(load));
}

export function CaseSideCards(props: CaseSideCardProps) {
  return (
    <Suspense fallback={null}>
      {sideCards.map((Card, i) => (
        <Card key={i} {...props} />
      ))}
    </Suspense>
  );
}

export function PortalCaseNotices(props: PortalCaseNoticeProps) {
  return (
    <Suspense fallback={null}>
      {portalNotices.map((Notice, i) => (
        <Notice key={i} {...props} />
      ))}
    </Suspense>
  );
}

/**
 * Cards other modules add to the account page (console `/account` and portal `/portal/account`):
 * the identity module renders the slot, the cards are listed here, so neither module imports the
 * other's web code. Each card is lazily loaded with its own chunk.
 */
import { lazy, Suspense } from 'react';

const CARDS = [
  lazy(() =>
    import('../../modules/notifications/web/preferences-card.tsx').then((m) => ({
      default: m.NotificationPreferencesCard,
    })),
  ),
];

export function AccountPageCards() {
  return (
    <Suspense fallback={null}>
      {CARDS.map((Card, i) => (
        <Card key={i} />
      ))}
    </Suspense>
  );
}

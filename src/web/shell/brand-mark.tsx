/** The logo (the company's, once uploaded) and name; the tagline follows the UI language. */
import { logoUrl, useBranding } from '../app/branding.ts';
import { useT } from '../i18n/i18n-context.tsx';

/** A headset in a rounded square: the help desk, drawn inline so it needs no request. */
export function BrandLogo({ size = 32, inverse = false }: { size?: number; inverse?: boolean }) {
  // On a blue background the tile turns white and the headset blue, so the mark stays visible.
  const tile = inverse ? '#ffffff' : '#1f5fd1';
  const ink = inverse ? '#1f5fd1' : '#ffffff';
  const accent = inverse ? '#6f9be8' : '#9cc3ff';
  return (
    <svg
      className="brand-logo"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill={tile} />
      <path d="M9 18v-2a7 7 0 0 1 14 0v2" fill="none" stroke={ink} strokeWidth="2.2" strokeLinecap="round" />
      <rect x="7" y="17" width="4.5" height="7" rx="1.8" fill={ink} />
      <rect x="20.5" y="17" width="4.5" height="7" rx="1.8" fill={ink} />
      <path
        d="M22.75 24v1.2a2.3 2.3 0 0 1-2.3 2.3H17"
        fill="none"
        stroke={accent}
        strokeWidth="1.8"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function BrandMark({ inverse = false }: { inverse?: boolean }) {
  const t = useT();
  const version = useBranding().data?.logoVersion;
  return (
    <span className={inverse ? 'brand brand--inverse' : 'brand'}>
      {version ? (
        // The company's own logo, uploaded by an administrator (PNG, JPEG or WebP).
        <img className="brand-logo brand-logo--custom" src={logoUrl(version)} alt="" height={32} />
      ) : (
        <BrandLogo inverse={inverse} />
      )}
      <span className="brand__name">{t('app.name')}</span>
      <span className="brand__tagline">{t('app.tagline')}</span>
    </span>
  );
}

/**
 * The HTML part of a mail made safe to store and show on its own: no scripts, event handlers,
 * frames, objects, forms or styles sheets; no remote loads (an image must be one of the mail's own
 * attachments, mapped from `cid:` to its download URL; `url()` and remote sources are dropped);
 * links open in a new tab without a referrer. The quarantine screen also shows it in a sandboxed
 * iframe, but the stored HTML does not rely on that.
 */

const SAFE_VALUE = /^(?!.*(url\s*\(|expression\s*\(|javascript:|@import|\\))[-#%.,\w\s()'"]*$/i;
const STYLE_PROPERTIES = [
  'color',
  'background-color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'text-align',
  'text-decoration',
  'line-height',
  'margin',
  'margin-left',
  'padding',
  'padding-left',
  'border',
  'border-collapse',
  'width',
  'height',
  'white-space',
];

/**
 * Sanitises `html`; `cid` maps a Content-ID (without brackets) to the URL of the stored
 * attachment, and an image it does not map is dropped.
 */
export async function sanitizeMailHtml(
  html: string,
  cid: (contentId: string) => string | null,
): Promise<string> {
  // Loaded with the first HTML mail (it brings a CSS parser): idle processes do without it.
  const { default: sanitize } = await import('sanitize-html');
  return sanitize(html, {
    allowedTags: [
      ...sanitize.defaults.allowedTags.filter((t) => t !== 'style'),
      'img',
      'font',
      'center',
      'span',
      'div',
    ],
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'iframe', 'object'],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      font: ['color', 'size', 'face'],
      td: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      th: ['colspan', 'rowspan', 'align', 'valign', 'width'],
      table: ['border', 'cellpadding', 'cellspacing', 'width'],
      '*': ['style', 'align', 'dir', 'lang'],
    },
    allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_VALUE]])) },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    // Only our own relative URLs survive on images (set by the transform below).
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' },
      }),
      img: (tagName, attribs) => {
        const src = attribs.src?.trim() ?? '';
        const url = /^cid:/i.test(src) ? cid(src.slice(4).replace(/^<|>$/g, '')) : null;
        const { src: _drop, ...rest } = attribs;
        return { tagName, attribs: url ? { ...rest, src: url } : rest };
      },
    },
    // An image left without a source (remote or unknown cid) is dropped whole.
    exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  });
}

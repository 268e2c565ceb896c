import type { SensitivityLabelMeta } from '../../core/index.js';
import { localName, parseXml } from './xml.js';

/**
 * `name: value` lines of a property part (docProps/core.xml, app.xml): every element with text.
 *
 * @example
 * propertyLines('<cp:coreProperties><dc:title>予算</dc:title></cp:coreProperties>'); // 'title: 予算'
 */
export function propertyLines(xml: string): string {
  const lines: string[] = [];
  const stack: { name: string; text: string }[] = [];
  parseXml(xml, (p) => {
    p.on('opentag', (tag) => stack.push({ name: localName(tag.name), text: '' }));
    p.on('text', (t) => {
      const top = stack[stack.length - 1];
      if (top) top.text += t;
    });
    p.on('closetag', () => {
      const el = stack.pop();
      const value = el?.text.trim() ?? '';
      if (el && value !== '') lines.push(`${el.name}: ${value}`);
    });
  });
  return lines.join('\n');
}

/**
 * Custom document properties (docProps/custom.xml) as name → value.
 *
 * @example
 * customProperties(xml).get('MSIP_Label_…_Name'); // '機密性2'
 */
export function customProperties(xml: string): Map<string, string> {
  const props = new Map<string, string>();
  let current: string | undefined;
  let value = '';
  parseXml(xml, (p) => {
    p.on('opentag', (tag) => {
      if (localName(tag.name) === 'property') {
        const name = tag.attributes['name'];
        current = typeof name === 'string' ? name : undefined;
        value = '';
      }
    });
    p.on('text', (t) => {
      if (current !== undefined) value += t;
    });
    p.on('closetag', (tag) => {
      if (localName(tag.name) === 'property' && current !== undefined) props.set(current, value.trim());
      if (localName(tag.name) === 'property') current = undefined;
    });
  });
  return props;
}

const MSIP = /^MSIP_Label_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_(\w+)$/i;

/**
 * Microsoft Purview (MIP) sensitivity labels from custom properties `MSIP_Label_<guid>_Name`,
 * `_Enabled`, `_SiteId`, ... — one entry per label guid.
 *
 * @example
 * msipLabels(props, 'a.docx/docProps/custom.xml'); // [{ source: 'msip', id: '…', name: '機密性2', enabled: true, path }]
 */
export function msipLabels(props: ReadonlyMap<string, string>, path: string): SensitivityLabelMeta[] {
  const byId = new Map<string, Map<string, string>>();
  for (const [key, value] of props) {
    const m = MSIP.exec(key);
    if (!m?.[1] || !m[2]) continue;
    const id = m[1].toLowerCase();
    const fields = byId.get(id) ?? new Map<string, string>();
    fields.set(m[2].toLowerCase(), value);
    byId.set(id, fields);
  }
  return [...byId].map(([id, f]) => {
    const enabled = f.get('enabled');
    return {
      path,
      source: 'msip' as const,
      name: f.get('name') ?? id,
      id,
      ...(enabled !== undefined ? { enabled: enabled.toLowerCase() === 'true' } : {}),
    };
  });
}

/**
 * Labels of newer Office files (docMetadata/LabelInfo.xml), which carry ids but no names.
 *
 * @example
 * labelInfo('<clbl:label id="{…}" enabled="1"/>', path); // [{ source: 'msip', id, name: id, enabled: true }]
 */
export function labelInfo(xml: string, path: string): SensitivityLabelMeta[] {
  const labels: SensitivityLabelMeta[] = [];
  parseXml(xml, (p) =>
    p.on('opentag', (tag) => {
      const id = tag.attributes['id'];
      if (localName(tag.name) !== 'label' || typeof id !== 'string') return;
      const clean = id.replace(/[{}]/g, '').toLowerCase();
      const enabled = tag.attributes['enabled'];
      labels.push({ path, source: 'msip', name: clean, id: clean, ...(typeof enabled === 'string' ? { enabled: enabled === '1' || enabled === 'true' } : {}) });
    }),
  );
  return labels;
}

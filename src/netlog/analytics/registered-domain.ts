/**
 * Registered domain ("eTLD+1") of a host name, with a compact built-in public-suffix list.
 *
 * Not the full Public Suffix List: it covers generic TLDs (any single label) plus the common multi-label
 * public suffixes seen in enterprise traffic — country second levels (co.jp, go.jp, co.uk, com.au…) and
 * shared-hosting suffixes where each customer owns a subdomain (cloudfront.net, herokuapp.com…). A suffix
 * missing here makes the registered domain one label too short (e.g. `a.b.example.xx` → `example.xx`
 * instead of `a.example.xx` when `example.xx` is public); the tunnelling score then groups more names together.
 */
const MULTI = new Set(
  (
    'ac.jp ad.jp co.jp ed.jp go.jp gr.jp lg.jp ne.jp or.jp ' +
    'ac.uk co.uk gov.uk ltd.uk me.uk net.uk nhs.uk org.uk plc.uk sch.uk police.uk ' +
    'com.au net.au org.au edu.au gov.au asn.au id.au co.nz net.nz org.nz govt.nz ac.nz ' +
    'com.br net.br org.br gov.br com.cn net.cn org.cn gov.cn edu.cn ac.cn com.hk net.hk org.hk gov.hk edu.hk ' +
    'com.tw net.tw org.tw gov.tw edu.tw co.kr or.kr go.kr ac.kr ne.kr re.kr com.sg net.sg org.sg gov.sg edu.sg ' +
    'co.in net.in org.in gov.in ac.in firm.in gen.in ind.in co.id or.id go.id ac.id web.id com.my net.my org.my gov.my ' +
    'co.th in.th go.th ac.th or.th com.vn net.vn gov.vn com.ph net.ph gov.ph com.mx gob.mx org.mx com.ar gob.ar ' +
    'co.za org.za gov.za ac.za com.tr gov.tr org.tr net.tr edu.tr com.ru org.ru net.ru com.ua co.il org.il gov.il ac.il ' +
    'com.sa com.eg com.pk com.ng com.co co.ke ' +
    'cloudfront.net amazonaws.com elasticbeanstalk.com herokuapp.com appspot.com azurewebsites.net cloudapp.net ' +
    'blob.core.windows.net trafficmanager.net github.io gitlab.io netlify.app vercel.app pages.dev workers.dev ' +
    'firebaseapp.com web.app blogspot.com wordpress.com duckdns.org no-ip.org ddns.net dyndns.org ngrok.io ngrok-free.app ' +
    's3.amazonaws.com compute.amazonaws.com compute-1.amazonaws.com'
  ).split(/\s+/),
);

const LONGEST_SUFFIX = 3;

/**
 * The registered domain of `host`, lower-cased without a trailing dot; the host itself when too short.
 *
 * @example
 * registeredDomain('a.b.example.co.jp'); // 'example.co.jp'
 * registeredDomain('x1.dnsc.r-1x.com');  // 'r-1x.com'
 * registeredDomain('1.0.0.10.in-addr.arpa'); // 'in-addr.arpa'
 */
export function registeredDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  const labels = h.split('.');
  if (labels.length <= 2) return h;
  if (labels[labels.length - 1] === 'arpa') return labels.slice(-2).join('.');
  for (let n = Math.min(LONGEST_SUFFIX, labels.length - 1); n >= 2; n--) {
    if (MULTI.has(labels.slice(-n).join('.'))) return labels.slice(-(n + 1)).join('.');
  }
  return labels.slice(-2).join('.');
}

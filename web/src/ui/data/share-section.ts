// The share dialog's "Data integration" section, for facilitators: the board's data token, curl
// examples for a metric push and a feedback import, and replacing the token (with all links:
// `links.rotate`). Only a token this device knows can be shown (it was created or rotated here).
import { copyText, h } from '../dom';
import { t } from '../i18n';
import { boardDataToken } from '../storage';

export function dataShareSection(boardId: string, rotate: () => void): HTMLElement {
  const token = boardDataToken(boardId);
  const out: HTMLElement[] = [h('h3', { class: 'share-sub', text: t('data.integration') }), h('p', { class: 'muted small', text: t('data.integrationHint') })];
  if (!token) {
    out.push(h('p', { class: 'muted', 'data-testid': 'data-token-unknown', text: t('data.tokenUnknown') }));
  } else {
    const base = `${location.origin}/api/boards/${boardId}`;
    out.push(copyRow(t('data.token'), token, 'data-token'));
    out.push(snippet(t('data.curlMetrics'), `curl -X POST ${base}/metrics \\\n  -H "Authorization: Bearer ${token}" -H "Content-Type: application/json" \\\n  -d '{"touchpoint":"checkout-page","metric":"csat","value":3.8,"n":412,"at":"${new Date().toISOString().slice(0, 10)}"}'`, 'curl-metrics'));
    out.push(snippet(t('data.curlFeedback'), `curl -X POST ${base}/feedback \\\n  -H "Authorization: Bearer ${token}" -H "Content-Type: text/csv" \\\n  --data-binary @feedback.csv`, 'curl-feedback'));
  }
  out.push(h('button', { class: 'btn danger', 'data-action': 'data-rotate', text: t('data.rotate'), onclick: () => { if (window.confirm(t('fac.confirmRotate'))) rotate(); } }));
  return h('div', { class: 'data-share', 'data-testid': 'data-integration' }, ...out);
}

function copyRow(label: string, value: string, testid: string): HTMLElement {
  const input = h('input', { type: 'text', readonly: true, value, 'data-testid': testid, onfocus: () => input.select() });
  return h('div', { class: 'link-row' }, h('span', { class: 'link-role', text: label }), input, copyButton(value));
}

function snippet(label: string, code: string, testid: string): HTMLElement {
  return h('div', { class: 'data-snippet' }, h('div', { class: 'field-label', text: label }), h('pre', { 'data-testid': testid, text: code }), copyButton(code));
}

function copyButton(value: string): HTMLButtonElement {
  const b = h('button', { class: 'btn small', text: t('copy') });
  b.addEventListener('click', async () => {
    if (await copyText(value)) {
      b.textContent = t('copied');
      setTimeout(() => { b.textContent = t('copy'); }, 1500);
    }
  });
  return b;
}

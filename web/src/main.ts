import './style.css';
import { BoardView } from './ui/board';
import { h } from './ui/dom';
import { lang, t } from './ui/i18n';
import { askName, takeBoardAddress } from './ui/join';
import { startPage } from './ui/start';

document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
const app = document.getElementById('app')!;

async function boot(): Promise<void> {
  if (location.pathname.startsWith('/b/')) {
    // the token moves from the address bar into the tab's storage
    const loc = takeBoardAddress();
    if (!loc) {
      app.replaceChildren(h('div', { class: 'failure-page' }, h('h2', { text: t('failedTitle') }), h('p', { text: t('err.UNAUTHORIZED') }), h('a', { class: 'btn primary', href: '/', text: t('backHome') })));
      return;
    }
    const name = await askName(app);
    new BoardView(app, loc.boardId, loc.token, name);
    return;
  }
  startPage(app);
}

void boot();

// UI strings of the history tools (timeline, versions, restore, what changed, replay) and of
// comments (threads, replies, mentions, the commenter role). Spread into the dictionaries of
// i18n.ts, so t() knows every key.
export const historyEn = {
  commenter: 'Commenter',
  linkComment: 'Comment only',
};

export const historyZh: typeof historyEn = {
  commenter: '评论者',
  linkComment: '仅评论',
};

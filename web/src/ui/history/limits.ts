// The history replays what the server already accepted: no message-size or board-size limit
// applies to it again (Java's Limits.UNLIMITED).
import type { Limits } from '../../model/doc';

export const UNLIMITED: Limits = { maxElements: Number.MAX_SAFE_INTEGER, maxTextLength: Number.MAX_SAFE_INTEGER, maxOpsPerMessage: Number.MAX_SAFE_INTEGER };

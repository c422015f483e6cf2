// The values completion offers for flags that name a server enum or a field: the same lists that
// flag validation uses, so completion never suggests what hproc would warn about.
import type { CompletionData } from '../cli/completion-scripts.js';
import { HELP_TOPICS } from '../cli/help-topics.js';
import { PROCESS_METRIC_NAMES, PROCESS_STATUSES, REGIONS } from '../models/enums.js';
import { processFieldNames } from '../models/process-fields.js';

/** Flag values for completion, keyed by long flag name. */
export function completionData(): CompletionData {
  const fields = [...new Set((['v1', 'v2', 'v3'] as const).flatMap((g) => processFieldNames(g, false)))].sort();
  return {
    flagValues: { '--status': PROCESS_STATUSES, '--region': REGIONS, '--fields': fields, '--sort': fields, '--metric': PROCESS_METRIC_NAMES },
    listFlags: ['--status', '--region', '--fields', '--sort', '--metric'],
    helpTopics: HELP_TOPICS.map((t) => t.name),
  };
}

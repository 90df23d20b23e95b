import { defineJob } from '@app/platform';

/*
 * The reports' jobs by name and payload. Whoever enqueues one imports it from here, not from its
 * handler: the handler needs the services that enqueue it, and the two would import each other.
 */

export const RENDER_REPORT_PDF = defineJob<{ reportId: string }>('reports.render-pdf', 'reports', { attempts: 3 });

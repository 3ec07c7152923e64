// The workspace's words for what the county sends as codes: request kinds and statuses
// (log actions: shared/access-actions.ts).
import { APPLICATION_KIND_LABEL } from '@/shared/application-kinds'

export const STATUS_LABEL: Record<string, string> = {
  submitted: '等审核',
  needs_more: '等补材料',
  approved: '已通过',
  rejected: '已驳回'
}

/** A kind of request (an application's, or a future source's own kind shown as sent). */
export function kindLabel(kind: string): string {
  return (APPLICATION_KIND_LABEL as Record<string, string>)[kind] ?? kind
}

// pretend path: src/features/claims/bad.ts
import { useEnrol } from '@/features/enrol/store'
import { PageShell } from '@/shell/page-shell'
import { useSession } from '@/features/session/store'
import { useElderly } from '@/features/settings/store'
import { claimCache } from '@/features/claims/api'
import { listKey } from './api'

export const all = [useEnrol, PageShell, useSession, useElderly, claimCache, listKey]

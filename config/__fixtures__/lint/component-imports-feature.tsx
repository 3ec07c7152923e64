import { useSession } from '@/features/session/store'
import { PageShell } from '../../shell/page-shell'

export const who = () => [useSession.getState().userId, PageShell]

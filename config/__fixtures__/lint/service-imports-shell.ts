import { PageShell } from '@/shell/page-shell'
import Home from '@/pages/home/index'

export const both = [PageShell, Home]

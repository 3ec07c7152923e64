// pretend path: src/features/claims/components/bad.tsx
import { useEnrol } from '../../enrol/store'
import '../../enrol/components/enrol.scss'
import { claimCache } from '../api'

export const both = [useEnrol, claimCache]

// Deliberately wrong: the app may import the contract as types only.
import { HouseholdSchema } from '@/contract'
export const s = HouseholdSchema

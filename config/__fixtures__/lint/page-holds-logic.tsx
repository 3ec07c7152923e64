import { estimate } from '@/calculator'
import Decimal from 'decimal.js'
import { create } from 'zustand'
import { useCountyData } from '@/services/use-county-data'
import { usePay } from '@/features/pay/store'
import { payApi } from '@/features/pay/api'
import { useHousehold } from '@/features/session/household'
import { useInstitutions } from '@/features/claims/use-claims-data'

export default function Bad() {
  return [estimate, Decimal, create, useCountyData, usePay, payApi, useHousehold, useInstitutions].length
}

// Estimates kept with the county (opt-in): sent only when the villager asks, listed and deleted
// with the county. The county runs the estimate again with the same calculator and compares it
// with the claim of that stay when it settles (the claim page shows what it sends).
import type { EstimateAnswers } from '@/calculator'
import { call } from '@/services/county-client'

/** What is kept and for how long, said before anything is sent. */
export const KEEP_SENTENCE =
  '可以把这次估算交给县里保存：县里会存下您填的（谁、哪天看病、哪一级医院、大概花多少）和算出的数。等这次看病报销结算了，报销详情里会把估算和实际放在一起，一条一条说清楚差在哪。不想存了随时可以删掉，删掉就没有了。'

export const keepEstimate = (personId: string, answers: EstimateAnswers, admissionDate: string) =>
  call('keepEstimate', { params: { personId }, body: { answers, admissionDate }, retries: 0 })
export const listKeptEstimates = (personId: string) => call('listKeptEstimates', { params: { personId } })
export const deleteKeptEstimate = (estimateId: string) =>
  call('deleteKeptEstimate', { params: { estimateId }, retries: 0 })

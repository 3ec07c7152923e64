// 乡亲医保 shared calculator: public API. Pure TypeScript (amounts in whole fen); policy and date
// are always arguments. Import from here ('@/calculator' in the app, relative paths in
// county-api). Signatures are stable: fields may be added, never removed or renamed.
//
// Shipped policies (JSON) live in src/calculator/policies/, each with <id>.cases.json:
//   demo-county-2026.json            演示县2026年城乡居民医保（演示数据）— DEMO_POLICY_ID
//   benxi-urban-resident-2008.json   本溪市城镇居民医保（seed 001，唯一完整的规则）
//   seed000-a-county-2013.json (+ -2012 overlay)   seed 000 规则集A（某县新农合）
//   seed000-b-city-2014.json (+ -2013 overlay)     seed 000 规则集B（某县级市新农合）
//   ganzhou-ncms-2014.json (+ -2014-08, -2015 overlays)   seed 000 规则集C（甘州区，8月1日调整）
// listBundledPolicies() lists them; bundledSeries(regionCode, scheme) gives a region's versions.
// Format: docs/policy-format.md; JSON Schema: src/calculator/policy.schema.json.
import { compilePolicy } from './compile'
import { CalculatorError } from './errors'
import { bundledPolicies, DEMO_POLICY_ID, listBundledPolicyIds } from './policies'
import type { PolicyDocument, Scheme } from './types'

export * from './types'
export { CalculatorError, PolicyInvalidError, PolicyFigureMissingError, isCalculatorError } from './errors'
export type { CalculatorErrorCode } from './errors'
export { claimCoverageYear, settleClaim } from './settle'
export { quoteContribution } from './contribution'
export type { QuoteOptions } from './contribution'
export { estimate } from './estimate'
export { compareEstimate } from './compare'
export type { ComparedFigure, EstimateComparison, FigureDifference } from './compare'
export { validatePolicy } from './validate'
export { resolvePolicy, deepMerge } from './resolve'
export { yearSummary } from './year-summary'
export type { YearSummary, YearMeter } from './year-summary'
export {
  addYuan,
  compareYuan,
  fenToYuan,
  insurancePaid,
  percentOf,
  ratePercent,
  subtractYuan,
  yuanToFen
} from './money'
export { DEMO_POLICY_ID, bundledPolicies }

/** A shipped policy, with any `extends` resolved. Throws POLICY_NOT_FOUND for an unknown id. */
export function loadBundledPolicy(id: string): PolicyDocument {
  const doc = bundledPolicies[id]
  if (!doc) throw new CalculatorError('POLICY_NOT_FOUND', `没有编号为「${id}」的政策`, '$.id')
  return compilePolicy(doc).doc
}

export interface PolicySummary {
  id: string
  title: string
  regionCode: string
  regionName: string
  scheme: Scheme
  version: string
  effectiveFrom: string
  effectiveTo: string | null
  demo: boolean
}

/** Every shipped policy, resolved and summarised. */
export function listBundledPolicies(): PolicySummary[] {
  return listBundledPolicyIds().map((id) => {
    const d = loadBundledPolicy(id)
    return {
      id: d.id,
      title: d.title,
      regionCode: d.regionCode,
      regionName: d.regionName,
      scheme: d.scheme,
      version: d.version,
      effectiveFrom: d.effectiveFrom,
      effectiveTo: d.effectiveTo ?? null,
      demo: d.demo === true
    }
  })
}

/** All shipped versions for a region and scheme, newest first (a series for settleClaim). */
export function bundledSeries(regionCode: string, scheme: Scheme): PolicyDocument[] {
  return listBundledPolicyIds()
    .map(loadBundledPolicy)
    .filter((d) => d.regionCode === regionCode && d.scheme === scheme)
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1))
}

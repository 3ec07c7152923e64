// Registry of the policy documents shipped with the calculator (JSON beside this file).
// Each document has a cases file `<id>.cases.json` run by the calculator tests.
import type { PolicyDocument, PolicyOverlay } from '../types'
import benxi2008 from './benxi-urban-resident-2008.json'
import demoCounty2026 from './demo-county-2026.json'

const docs: (PolicyDocument | PolicyOverlay)[] = [demoCounty2026 as PolicyDocument, benxi2008 as PolicyDocument]

export const bundledPolicies: Readonly<Record<string, PolicyDocument | PolicyOverlay>> = Object.freeze(
  Object.fromEntries(docs.map((d) => [d.id, d]))
)

/** Id of the demo policy the reference server seeds its demo claims under. */
export const DEMO_POLICY_ID = 'demo-county-2026'

export function listBundledPolicyIds(): string[] {
  return Object.keys(bundledPolicies)
}

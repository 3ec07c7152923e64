// Registry of the policy documents shipped with the calculator (JSON beside this file).
// Each document has a cases file `<id>.cases.json` run by the calculator tests.
import type { PolicyDocument, PolicyOverlay } from '../types'
import benxi2008 from './benxi-urban-resident-2008.json'
import demoCounty2026 from './demo-county-2026.json'
import ganzhou2014 from './ganzhou-ncms-2014.json'
import ganzhou201408 from './ganzhou-ncms-2014-08.json'
import ganzhou2015 from './ganzhou-ncms-2015.json'
import seed000A2012 from './seed000-a-county-2012.json'
import seed000A2013 from './seed000-a-county-2013.json'
import seed000B2013 from './seed000-b-city-2013.json'
import seed000B2014 from './seed000-b-city-2014.json'

const docs: (PolicyDocument | PolicyOverlay)[] = [
  demoCounty2026 as PolicyDocument,
  benxi2008 as PolicyDocument,
  seed000A2013 as unknown as PolicyDocument,
  seed000A2012 as unknown as PolicyOverlay,
  seed000B2014 as unknown as PolicyDocument,
  seed000B2013 as unknown as PolicyOverlay,
  ganzhou2014 as unknown as PolicyDocument,
  ganzhou201408 as unknown as PolicyOverlay,
  ganzhou2015 as unknown as PolicyOverlay
]

export const bundledPolicies: Readonly<Record<string, PolicyDocument | PolicyOverlay>> = Object.freeze(
  Object.fromEntries(docs.map((d) => [d.id, d]))
)

/** Id of the demo policy the reference server seeds its demo claims under. */
export const DEMO_POLICY_ID = 'demo-county-2026'

export function listBundledPolicyIds(): string[] {
  return Object.keys(bundledPolicies)
}

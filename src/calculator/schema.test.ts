// The published JSON Schema and the validator agree on the shipped policies (and on a
// broken one); format-gen/format-gen.test.ts checks them on generated documents. ajv is a dev-time tool here; the calculator itself never uses it.
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import schema from './policy.schema.json'
import { deepMerge } from './resolve'
import { bundledPolicies, loadBundledPolicy, validatePolicy } from './index'

const ajv = new Ajv({ allErrors: true, strict: false })
addFormats(ajv)
const check = ajv.compile(schema)

describe('policy.schema.json', () => {
  it.each(Object.keys(bundledPolicies))('%s (resolved) passes the schema and the validator', (id) => {
    const doc = loadBundledPolicy(id)
    const ok = check(doc)
    expect(check.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    expect(validatePolicy(doc)).toEqual([])
  })
  it('both reject the same broken document', () => {
    const bad = deepMerge(loadBundledPolicy('demo-county-2026'), {
      annualCap: { amount: '200000' + '.001' },
      scheme: 'x',
      extra: 1
    })
    expect(check(bad)).toBe(false)
    const paths = validatePolicy(bad).map((p) => p.path)
    expect(paths).toEqual(expect.arrayContaining(['$.annualCap.amount', '$.scheme', '$.extra']))
  })
})

// Runs every shipped policy's cases file (<id>.cases.json beside the policy).
import { readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import { checkPolicyCase, type PolicyCasesFile } from './cases'
import { bundledPolicies, loadBundledPolicy, validatePolicy } from './index'

const dir = join(__dirname, 'policies')
const caseFiles = readdirSync(dir).filter((f) => f.endsWith('.cases.json'))

describe('shipped policies', () => {
  const covered = new Set<string>()
  for (const file of caseFiles) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PolicyCasesFile
    covered.add(data.policy)
    for (const c of data.cases) {
      if (c.policy) covered.add(c.policy)
      for (const id of c.series ?? []) covered.add(id)
    }
  }
  it.each(Object.keys(bundledPolicies))('%s validates and is exercised by a cases file', (id) => {
    expect(validatePolicy(loadBundledPolicy(id))).toEqual([])
    expect([...covered]).toContain(id)
  })
})

for (const file of caseFiles) {
  const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PolicyCasesFile
  describe(`cases: ${data.policy}`, () => {
    const policy = bundledPolicies[data.policy]
    it('names a shipped policy', () => expect(policy).toBeDefined())
    for (const c of data.cases) {
      it(c.name, () => {
        expect(checkPolicyCase(policy, c)).toEqual([])
      })
    }
  })
}

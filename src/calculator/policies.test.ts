// Runs every shipped policy's cases file (<id>.cases.json beside the policy).
import { readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import { checkPolicyCase, type PolicyCasesFile } from './cases'
import { bundledPolicies, loadBundledPolicy, validatePolicy } from './index'

const dir = join(__dirname, 'policies')
const caseFiles = readdirSync(dir).filter((f) => f.endsWith('.cases.json'))

describe('shipped policies', () => {
  it('every shipped policy validates and has a cases file', () => {
    for (const id of Object.keys(bundledPolicies)) {
      expect(validatePolicy(loadBundledPolicy(id))).toEqual([])
      expect(caseFiles).toContain(`${id}.cases.json`)
    }
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

// The county API logs short codes; every code it can write has words here. The codes are read
// from the server's source (the calls that write the log), so a new one without words fails.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { actionLabel, KNOWN_ACCESS_ACTIONS } from './access-actions'

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    if (statSync(p).isDirectory()) return sources(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })
}

const serverCodes = (): string[] => {
  const codes = new Set<string>()
  for (const file of sources(join(__dirname, '../../county-api/src'))) {
    const text = readFileSync(file, 'utf8')
    // requireHousehold(ctx, user, id, scope, 'action'), claimFor(..., 'action'), loadOrderFor(..., 'action'),
    // logHouseholdEvent(ctx, household, actor, 'action', …) and the ternaries inside them (not what they compare)
    for (const m of text.matchAll(/(?:requireHousehold|claimFor|loadOrderFor|logHouseholdEvent)\(([^;]*?)\)/gs))
      for (const lit of m[1].matchAll(/(?<!=== )'([a-z]+(?:_[a-z]+)+|quote)'/g)) codes.add(lit[1])
  }
  return [...codes]
}

test('every action the county logs has plain words', () => {
  const codes = serverCodes()
  expect(codes.length).toBeGreaterThan(15)
  // (scopes passed beside the action are not actions)
  const scopes = new Set(['status', 'pay', 'claims'])
  const missing = codes.filter((c) => !scopes.has(c) && !KNOWN_ACCESS_ACTIONS.includes(c))
  expect(missing).toEqual([])
})

test('a grant ending is logged as grant_<how>: each way has words', () => {
  for (const how of ['revoked', 'left', 'replaced', 'expired']) expect(KNOWN_ACCESS_ACTIONS).toContain(`grant_${how}`)
})

test('an unknown code still reads as Chinese', () => {
  expect(actionLabel('view_claim')).toBe('查看了一笔报销')
  expect(actionLabel('assistant_create_order')).toBe('代办人发起缴费')
  expect(actionLabel('something_new')).toBe('办理了业务')
})

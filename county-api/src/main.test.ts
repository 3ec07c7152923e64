// The real start (`npm run county-api`): with a problem in its settings the server prints one line
// each and does not start (no database created); without SEED_DEMO it seeds nothing; production
// refuses a database that holds the demo county.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { spawnServer, tempDbPath } from './testing/spawn-server'
import { productionEnv } from './testing/production-env'
import { peek } from './testing/db-peek'

jest.setTimeout(60_000)

const ROOT = path.resolve(__dirname, '../..')

function start(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'county-api/src/main.ts')], {
    cwd: ROOT,
    // only what is given: no inherited COUNTY_API_* or DEV_OTP from the shell that runs the tests
    env: { PATH: process.env.PATH ?? '', PORT: '0', ...env } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000
  })
  return { status: r.status, stderr: r.stderr, stdout: r.stdout }
}

test('production with a fixed one-time code and test hooks does not start: one plain line per problem', () => {
  const dbPath = tempDbPath('refused')
  const r = start({ ...productionEnv(), COUNTY_API_DB: dbPath, DEV_OTP: '123456', TEST_HOOKS: '1' })
  expect(r.status).toBe(1)
  expect(r.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^DEV_OTP makes every one-time code the same/),
    expect.stringMatching(/^TEST_HOOKS=1 opens POST \/__test\/clock/),
    'county API not started: 2 problem(s) in its settings (see docs/county-api.md)'
  ])
  expect(r.stdout).not.toContain('COUNTY_API_URL=')
  expect(fs.existsSync(dbPath)).toBe(false)
})

test('a malformed limit does not start in development either', () => {
  const r = start({ COUNTY_API_DB: tempDbPath('malformed'), SIGNIN_RATE_LIMIT: '30/min', SESSION_TTL_HOURS: '1w' })
  expect(r.status).toBe(1)
  expect(r.stderr).toMatch(/^SIGNIN_RATE_LIMIT="30\/min": expected a whole number/m)
  expect(r.stderr).toMatch(/^SESSION_TTL_HOURS="1w": expected a whole number/m)
})

test('with no environment the server seeds nothing: demo data only where asked for', async () => {
  const server = await spawnServer({ now: null, env: { SEED_DEMO: '', DEV_OTP: '', TEST_HOOKS: '' } })
  try {
    expect(peek(server.dbPath, 'SELECT COUNT(*) AS n FROM households')).toEqual([{ n: 0 }])
    expect(server.logs()).not.toContain('demo accounts')
  } finally {
    await server.stop()
  }
})

test('production refuses a database that holds the demo county', async () => {
  const demo = await spawnServer({ households: 2 })
  await demo.stop()
  await expect(spawnServer({ production: true, dbPath: demo.dbPath })).rejects.toThrow(
    /COUNTY_API_DB=.* holds the invented demo county; production needs the county's own database/
  )
})

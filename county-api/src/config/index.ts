// The configuration, read from the environment and validated in every mode: a malformed value
// (SIGNIN_RATE_LIMIT=30/min, SESSION_TTL_HOURS=1w) is a problem, never a default or a limit
// turned off. In production (COUNTY_API_MODE=production) the rules of production.ts apply too.
// main.ts prints the problems, one plain line each, and does not start.
import { read } from './kinds'
import { PRODUCTION_RULES } from './production'
import { SETTINGS, type Config, type SettingKey } from './settings'

export type { Config } from './settings'

export class ConfigProblems extends Error {
  constructor(readonly problems: string[]) {
    super(`the county API's settings have ${problems.length} problem(s):\n${problems.join('\n')}`)
  }
}

/** The configuration, and every problem found (empty: it may start). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): { config: Config; problems: string[] } {
  const problems: string[] = []
  const malformed = new Set<SettingKey>()
  const values: Record<string, unknown> = {}
  for (const key of Object.keys(SETTINGS) as SettingKey[]) {
    const s = SETTINGS[key]
    const raw = env[s.env]
    if (raw === undefined || raw.trim() === '') {
      values[key] = s.fallback(values)
      continue
    }
    const r = read(s.kind, raw.trim())
    const further = r.ok && s.check ? s.check(r.value as never) : null
    if (r.ok && further === null) {
      values[key] = r.value
      continue
    }
    malformed.add(key)
    values[key] = s.fallback(values)
    const shown = s.secret ? `${s.env} (value hidden)` : `${s.env}=${JSON.stringify(raw)}`
    problems.push(`${shown}: ${further ?? `expected ${s.kind.expects}`}${s.help ? ` (${s.help})` : ''}`)
  }
  // NODE_ENV=production alone is not production mode; starting in development there would be worse
  if (env.NODE_ENV === 'production' && !env.COUNTY_API_MODE)
    problems.push('NODE_ENV=production but COUNTY_API_MODE is not set: set COUNTY_API_MODE=production (or development)')
  const config = values as Config
  if (config.mode === 'production') {
    for (const rule of PRODUCTION_RULES) {
      if (rule.settings.some((k) => malformed.has(k))) continue
      const found = rule.check(config)
      if (found) problems.push(...(Array.isArray(found) ? found : [found]))
    }
  }
  return { config, problems }
}

/** The configuration; throws ConfigProblems when it has any. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const { config, problems } = loadConfig(env)
  if (problems.length > 0) throw new ConfigProblems(problems)
  return config
}

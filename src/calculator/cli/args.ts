// Command-line options, defined per command: each option is known (with its meaning in
// Chinese for --help) or refused — a misspelled option is an error naming the nearest one,
// never silently ignored.
import { distance } from './columns'

export interface OptionSpec {
  /** takes a value (--as-of 2026-01-01) or is a flag (--no-steps) */
  value: boolean
  help: string
  /** shown as --name VALUE */
  placeholder?: string
}
export interface CommandSpec {
  summary: string
  usage: string
  options: Record<string, OptionSpec>
  /** positional arguments allowed (validate takes files) */
  positional?: string
  more?: string
}

export class UsageError extends Error {}

export interface Parsed {
  opts: Record<string, string | true>
  pos: string[]
}

/** Parse argv (after the command) against a command's options: --name value, --name=value, flags. */
export function parseOptions(argv: string[], spec: CommandSpec, command: string): Parsed {
  const opts: Record<string, string | true> = {}
  const pos: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (!a.startsWith('--')) {
      if (!spec.positional) throw new UsageError(`${command} 不需要「${a}」这样的参数（选项要以 -- 开头）`)
      pos.push(a)
      continue
    }
    const eq = a.indexOf('=')
    const name = a.slice(2, eq < 0 ? undefined : eq)
    const o = spec.options[name]
    if (!o)
      throw new UsageError(
        `不认识的选项 --${name}${nearest(name, Object.keys(spec.options))}（xqyb-calc ${command} --help 列出所有选项）`
      )
    if (name in opts) throw new UsageError(`选项 --${name} 写了两次`)
    if (!o.value) {
      if (eq >= 0) throw new UsageError(`选项 --${name} 后面不用写值`)
      opts[name] = true
      continue
    }
    const v = eq >= 0 ? a.slice(eq + 1) : argv[++i]
    if (v === undefined || v === '' || (eq < 0 && v.startsWith('--')))
      throw new UsageError(`选项 --${name} 后面要写${o.placeholder ?? '值'}`)
    opts[name] = v
  }
  return { opts, pos }
}

function nearest(name: string, names: string[]): string {
  let best = ''
  let d = 3
  for (const n of names) {
    const x = distance(name, n)
    if (x < d) {
      d = x
      best = n
    }
  }
  return best ? `，是不是 --${best}？` : ''
}

/** --help text of a command. */
export function helpOf(command: string, spec: CommandSpec): string {
  const lines = [`xqyb-calc ${command}：${spec.summary}`, '', `用法：${spec.usage}`, '', '选项：']
  for (const [name, o] of Object.entries(spec.options)) {
    const head = `  --${name}${o.value ? ` ${o.placeholder ?? '值'}` : ''}`
    lines.push(`${head.padEnd(26)}${o.help}`)
  }
  if (spec.more) lines.push('', spec.more)
  return lines.join('\n')
}

// The port's placeholders (`?` positional, `@name` named: port.ts) rewritten to PostgreSQL's `$n`.
// A small tokenizer, not a regular expression: a `?` or `@` inside a string literal, a quoted
// identifier, a comment or a dollar-quoted body is text, not a parameter, and `::` casts pass through.

export interface Rewritten {
  /** the SQL with `$1`, `$2`, … */
  text: string
  /** for `@name` SQL: the name bound to each `$n` in order (a name used twice is one `$n`); null for `?` SQL */
  names: string[] | null
  /** how many `$n` the text has */
  count: number
}

const identStart = /[A-Za-z_]/
const identPart = /[A-Za-z0-9_]/

/** Rewrites one SQL text; mixing `?` and `@name` in one statement is refused (neither engine means it). */
export function rewritePlaceholders(sql: string): Rewritten {
  let out = ''
  let positional = 0
  const names: string[] = []
  let i = 0
  const n = sql.length
  while (i < n) {
    const c = sql[i]
    const next = sql[i + 1]
    if (c === "'" || c === '"') {
      // a literal ('it''s') or a quoted identifier ("a""b"): up to the closing quote, doubled quotes inside
      const end = closingQuote(sql, i, c, (c === "'" && isEscapeString(sql, i)) || false)
      out += sql.slice(i, end)
      i = end
    } else if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end === -1 ? n : end
      out += sql.slice(i, stop)
      i = stop
    } else if (c === '/' && next === '*') {
      const end = closingComment(sql, i)
      out += sql.slice(i, end)
      i = end
    } else if (c === '$' && dollarTag(sql, i) !== null) {
      const tag = dollarTag(sql, i) as string
      const close = sql.indexOf(tag, i + tag.length)
      if (close === -1) throw new SyntaxError(`unterminated dollar-quoted string ${tag} in: ${sql}`)
      out += sql.slice(i, close + tag.length)
      i = close + tag.length
    } else if (c === '?') {
      positional++
      out += `$${positional}`
      i++
    } else if (c === '@' && next !== undefined && identStart.test(next) && !identPart.test(sql[i - 1] ?? ' ')) {
      let j = i + 1
      while (j < n && identPart.test(sql[j])) j++
      const name = sql.slice(i + 1, j)
      let at = names.indexOf(name)
      if (at === -1) at = names.push(name) - 1
      out += `$${at + 1}`
      i = j
    } else {
      out += c
      i++
    }
  }
  if (positional > 0 && names.length > 0) throw new SyntaxError(`both ? and @name placeholders in: ${sql}`)
  return names.length > 0 ? { text: out, names, count: names.length } : { text: out, names: null, count: positional }
}

/** E'…' (and e'…') strings take backslash escapes; a plain '…' does not (standard_conforming_strings). */
function isEscapeString(sql: string, quoteAt: number): boolean {
  const before = sql[quoteAt - 1]
  return (before === 'E' || before === 'e') && !identPart.test(sql[quoteAt - 2] ?? ' ')
}

function closingQuote(sql: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1
  while (i < sql.length) {
    const c = sql[i]
    if (backslashEscapes && c === '\\') i += 2
    else if (c === quote && sql[i + 1] === quote) i += 2
    else if (c === quote) return i + 1
    else i++
  }
  throw new SyntaxError(`unterminated ${quote === "'" ? 'string' : 'quoted identifier'} in: ${sql}`)
}

/** Block comments nest in PostgreSQL. */
function closingComment(sql: string, start: number): number {
  let depth = 0
  let i = start
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++
      i += 2
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--
      i += 2
      if (depth === 0) return i
    } else i++
  }
  throw new SyntaxError(`unterminated comment in: ${sql}`)
}

/** `$$` or `$tag$` opening a dollar-quoted string (not `$1`, which the port never writes itself). */
function dollarTag(sql: string, at: number): string | null {
  if (identPart.test(sql[at - 1] ?? ' ')) return null
  const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(at, at + 66))
  return m ? m[0] : null
}

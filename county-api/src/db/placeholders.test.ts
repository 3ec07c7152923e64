import { rewritePlaceholders } from './placeholders'

describe('rewritePlaceholders', () => {
  it('numbers ? in order', () => {
    expect(rewritePlaceholders('SELECT * FROM t WHERE a = ? AND b IN (?, ?)')).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)',
      names: null,
      count: 3
    })
  })

  it('gives each @name one $n, reused where the name comes again', () => {
    expect(rewritePlaceholders('UPDATE t SET a = @a, b = @b_2 WHERE a <> @a')).toEqual({
      text: 'UPDATE t SET a = $1, b = $2 WHERE a <> $1',
      names: ['a', 'b_2'],
      count: 2
    })
  })

  it.each([
    [
      'a string literal, with a doubled quote',
      "SELECT 'what?' || 'it''s @x?' , ?",
      "SELECT 'what?' || 'it''s @x?' , $1"
    ],
    ['an escape string with a backslashed quote', "SELECT E'a\\'?' , ?", "SELECT E'a\\'?' , $1"],
    ['a quoted identifier', 'SELECT "a?""@b" FROM t WHERE x = ?', 'SELECT "a?""@b" FROM t WHERE x = $1'],
    ['a line comment', 'SELECT 1 -- why? @me\n, ?', 'SELECT 1 -- why? @me\n, $1'],
    ['a nested block comment', 'SELECT /* a? /* b? */ c? */ ?', 'SELECT /* a? /* b? */ c? */ $1'],
    ['a dollar-quoted body', 'DO $f$ BEGIN PERFORM ?; END $f$; SELECT ?', 'DO $f$ BEGIN PERFORM ?; END $f$; SELECT $1'],
    ['a $$ body', "SELECT $$it's ?$$, ?", "SELECT $$it's ?$$, $1"],
    ['a :: cast', 'SELECT ?::text, CAST(? AS BIGINT)', 'SELECT $1::text, CAST($2 AS BIGINT)'],
    [
      'an e-mail-like word (no placeholder: @ after a letter)',
      "SELECT 'x' FROM t WHERE a@b = ?",
      "SELECT 'x' FROM t WHERE a@b = $1"
    ]
  ])('leaves %s alone', (_what, sql, text) => {
    expect(rewritePlaceholders(sql).text).toBe(text)
  })

  it('refuses ? and @name in one statement, and unterminated quotes', () => {
    expect(() => rewritePlaceholders('SELECT ?, @a')).toThrow(/both \? and @name/)
    expect(() => rewritePlaceholders("SELECT 'open")).toThrow(/unterminated string/)
    expect(() => rewritePlaceholders('SELECT /* open')).toThrow(/unterminated comment/)
  })
})

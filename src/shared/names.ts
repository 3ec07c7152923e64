// Names and relations as rosters have them. The middle dot of minority names (阿依古丽·买买提)
// comes typed as any of the look-alikes a phone keyboard offers (. 。 ・ • …): one normaliser
// for every form.

const DOT_LOOKALIKES = /[\u2022\u2027\u30FB\uFF65\u2219\u22C5\uFE52\uFF0E.。\u00B7]/g

/** Spaces removed, every kind of middle dot turned into ·. */
export function normaliseName(raw: string): string {
  return raw.replace(/\s+/g, '').replace(DOT_LOOKALIKES, '\u00B7')
}

/** 与户主关系 as rosters write it (子, 女) read as sex on a card: the words people say */
const RELATION_WORD: Record<string, string> = { 子: '儿子', 女: '女儿' }
export function relationText(relation: string): string {
  return RELATION_WORD[relation] ?? relation
}

// Names as rosters have them: the middle dot of minority names (阿依古丽·买买提) typed as any of
// the look-alikes a phone keyboard offers (. 。 ・ • …). One normaliser for every form.

const DOT_LOOKALIKES = /[\u2022\u2027\u30FB\uFF65\u2219\u22C5\uFE52\uFF0E.。\u00B7]/g

/** Spaces removed, every kind of middle dot turned into ·. */
export function normaliseName(raw: string): string {
  return raw.replace(/\s+/g, '').replace(DOT_LOOKALIKES, '\u00B7')
}

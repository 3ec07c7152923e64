// Words villagers do not use, each with the plain words to say instead. The list is the glossary:
// the browser suite fails when one of these appears in any page's visible text
// (e2e/browser/accessibility.test.ts), and the app puts county sentences it shows as they came
// (the calculator's steps in 县里是怎么算的) into plain words with toPlainWords().
export interface PlainWord {
  /** the word not to show */
  term: string
  /** what to say instead; toPlainWords() uses it as it stands */
  plain: string
  /** what the term means, for whoever writes the next screen */
  means: string
}

export const PLAIN_WORDS: readonly PlainWord[] = [
  { term: '筹资标准', plain: '一年的医保钱', means: 'the whole cost of a person’s year: own share plus the state’s' },
  { term: '财政补助', plain: '国家补贴', means: 'the part of the year’s cost the state pays' },
  { term: '享受待遇', plain: '看病能报销', means: 'insurance pays for care from that day' },
  { term: '待遇期', plain: '看病能报销的日子', means: 'the days in which care is paid for' },
  { term: '演示数字', plain: '举例的数字', means: 'figures made up for the demo' },
  { term: '选PDF文件', plain: '选手机里的文件', means: 'pick a document file instead of a photo' },
  { term: '本手机保存的数据', plain: '手机里存的', means: 'the copy saved on the phone (not the county’s answer now)' }
]

/** `text` with every listed term replaced by its plain words (longest terms first). */
export function toPlainWords(text: string): string {
  let out = text
  for (const w of [...PLAIN_WORDS].sort((a, b) => b.term.length - a.term.length)) out = out.split(w.term).join(w.plain)
  return out
}

/** The listed terms found in `text` (for tests). */
export function bannedTermsIn(text: string): string[] {
  return PLAIN_WORDS.filter((w) => text.includes(w.term)).map((w) => w.term)
}

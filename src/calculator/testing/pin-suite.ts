// The suite that pins money: every shipped policy's cases file (hand-computed cases from the
// source documents, one per rule family and setting, and each reading of every ambiguity).
// policies.test.ts runs it case by case; bench/mutation.ts runs it against each mutant of the
// calculator and counts the mutants it kills. Test tooling: the calculator never imports it.
import { readdirSync, readFileSync } from 'fs'
import { join } from 'path'
import type { PolicyCasesFile } from '../cases'

export interface PinCase {
  file: string
  policy: string
  case: PolicyCasesFile['cases'][number]
}

/** Every case of every `policies/*.cases.json`. */
export function pinCases(dir = join(__dirname, '../policies')): PinCase[] {
  const out: PinCase[] = []
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.cases.json'))
    .sort()) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as PolicyCasesFile
    for (const c of data.cases) out.push({ file, policy: data.policy, case: c })
  }
  return out
}

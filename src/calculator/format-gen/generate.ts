// Writes the files generated from src/calculator/policy-format.ts:
//   src/calculator/policy.schema.json, src/calculator/policy-types.ts, the field list of docs/policy-format.md.
// Run: npm run generate:policy-format (format-gen.test.ts fails when one is out of date).
import { readFileSync, writeFileSync } from 'fs'
import { join } from 'path'
import * as estree from 'prettier/plugins/estree'
import * as typescript from 'prettier/plugins/typescript'
import { format } from 'prettier/standalone'
import { withFieldList } from './docs'
import { policyJsonSchemaText } from './json-schema'
import { policyTypesSource } from './typescript'

export const root = join(__dirname, '../../..')
export const FILES = {
  schema: join(root, 'src/calculator/policy.schema.json'),
  types: join(root, 'src/calculator/policy-types.ts'),
  docs: join(root, 'docs/policy-format.md')
}

/** What each generated file should hold. */
export async function generated(): Promise<Record<keyof typeof FILES, string>> {
  const options = JSON.parse(readFileSync(join(root, '.prettierrc.json'), 'utf8')) as Record<string, unknown>
  return {
    schema: policyJsonSchemaText(),
    types: await format(policyTypesSource(), { ...options, parser: 'typescript', plugins: [estree, typescript] }),
    docs: withFieldList(readFileSync(FILES.docs, 'utf8'))
  }
}

async function main(): Promise<void> {
  const out = await generated()
  for (const k of Object.keys(FILES) as (keyof typeof FILES)[]) writeFileSync(FILES[k], out[k])
  console.log(`wrote ${Object.values(FILES).join(', ')}`)
}

if (require.main === module) void main()

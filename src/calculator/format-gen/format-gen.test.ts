// The policy format is defined once (policy-format.ts): the generated files are up to date,
// and on documents generated from the definition the JSON Schema and the validator agree.
import Ajv from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { readFileSync } from 'fs'
import { badValueArb, policyDocumentArb } from '../testing/format-arbitraries'
import { structuralProblems, validatePolicy } from '../validate'
import { FILES, generated } from './generate'
import { policyJsonSchema } from './json-schema'

describe('generated from policy-format.ts', () => {
  it('policy.schema.json, policy-types.ts and the field list in docs/policy-format.md are up to date (npm run generate:policy-format)', async () => {
    const want = await generated()
    for (const k of Object.keys(FILES) as (keyof typeof FILES)[]) expect(readFileSync(FILES[k], 'utf8')).toBe(want[k])
  })
})

describe('the JSON Schema and the validator agree on generated documents', () => {
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats(ajv)
  const check = ajv.compile(policyJsonSchema())

  it('every document generated from the definition passes both (cross-field rules aside)', () => {
    fc.assert(
      fc.property(policyDocumentArb, (doc) => {
        expect(check(doc) ? [] : check.errors).toEqual([])
        expect(structuralProblems(doc)).toEqual([])
      }),
      { numRuns: 300 }
    )
  })

  it('a document with one field broken, removed or added is refused by both or by neither', () => {
    const mutated = fc
      .tuple(policyDocumentArb, fc.nat(), fc.constantFrom('replace', 'remove', 'add'), badValueArb)
      .map(([doc, pick, how, bad]) => {
        const copy = JSON.parse(JSON.stringify(doc)) as Record<string, unknown>
        // every place in the document: [container, key]
        const places: [Record<string, unknown> | unknown[], string | number][] = []
        const walk = (v: unknown): void => {
          if (Array.isArray(v)) {
            v.forEach((x, i) => {
              places.push([v, i])
              walk(x)
            })
          } else if (typeof v === 'object' && v !== null) {
            for (const [k, x] of Object.entries(v)) {
              places.push([v as Record<string, unknown>, k])
              walk(x)
            }
          }
        }
        walk(copy)
        const [container, key] = places[pick % places.length]
        if (how === 'replace') (container as Record<string | number, unknown>)[key] = bad
        else if (how === 'remove' && !Array.isArray(container)) delete container[key as string]
        else if (!Array.isArray(container)) container.zzz = bad
        else container.push(bad)
        return copy
      })
    let refused = 0
    fc.assert(
      fc.property(mutated, (doc) => {
        const schemaOk = check(doc)
        const problems = structuralProblems(doc)
        if (!schemaOk) refused++
        expect({ schemaOk, problems: schemaOk ? problems : [] }).toEqual({
          schemaOk: problems.length === 0,
          problems: []
        })
      }),
      { numRuns: 1000 }
    )
    // not vacuous: most mutations break the document
    expect(refused).toBeGreaterThan(500)
  })

  it('the cross-field rules come on top (validatePolicy = the structure + the checks)', () => {
    fc.assert(
      fc.property(policyDocumentArb, (doc) => {
        const all = validatePolicy(doc)
        for (const p of structuralProblems(doc)) expect(all).toContainEqual(p)
      }),
      { numRuns: 100 }
    )
  })
})

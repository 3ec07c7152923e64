// 门诊慢特病 (special-disease outpatient care): the diseases the county's policy lists, and the
// certifications an approved chronic_disease application records. Chronic claims take their
// disease from the person's certification.
import type { Ctx } from './context'
import { policyInForce } from './policies'

/** The policy in force's listed diseases, code → name; empty when the policy lists none. */
export async function listedDiseases(ctx: Ctx, regionCode: string, date: string): Promise<Map<string, string>> {
  const doc = JSON.parse((await policyInForce(ctx, regionCode, date)).document) as {
    specialOutpatient?: { diseases?: unknown }
  }
  const list = doc.specialOutpatient?.diseases
  // a policy may mark the list as a missing figure (not an array): nothing can be certified then
  return new Map(Array.isArray(list) ? (list as { code: string; label: string }[]).map((d) => [d.code, d.label]) : [])
}

export interface Certification {
  code: string
  validFrom: string
}

/** The person's certifications valid on `date`, oldest first. */
export async function certificationsOf(ctx: Ctx, personId: string, date: string): Promise<Certification[]> {
  return (
    await ctx.db.all<{ disease_code: string; valid_from: string }>(
      'SELECT disease_code, valid_from FROM chronic_certifications WHERE person_id = ? AND valid_from <= ? ORDER BY valid_from, disease_code',
      personId,
      date
    )
  ).map((r) => ({ code: r.disease_code, validFrom: r.valid_from }))
}

/** Record a certification from the day it is granted (a repeat approval keeps the first one). */
export async function certify(
  ctx: Ctx,
  personId: string,
  code: string,
  validFrom: string,
  applicationId: string | null
): Promise<void> {
  await ctx.db.run(
    `INSERT INTO chronic_certifications (person_id, disease_code, valid_from, application_id, certified_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (person_id, disease_code) DO NOTHING`,
    personId,
    code,
    validFrom,
    applicationId,
    ctx.clock.now()
  )
}

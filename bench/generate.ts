import { sql } from 'kysely'
import type { Db } from '../src/data/database.js'

/**
 * Synthetic families at scale for one authority, written by set-based SQL: `families` families of
 * four people (two adults, two children), spread over the authority's teams and areas.
 */
export async function generateFamilies(db: Db, authorityId: string, families: number, createdBy: string) {
  await sql`
    with teams as (
      select team_id, area_id, row_number() over (order by team_id) - 1 as n, count(*) over () as total
      from team where authority_id = ${authorityId}
    ),
    new_families as (
      insert into family (authority_id, family_id, name, area_id, team_id, created_at, created_by, updated_at, updated_by)
      select ${authorityId}, gen_random_uuid(), 'Bench family ' || g, t.area_id, t.team_id, now(), ${createdBy}, now(), ${createdBy}
      from generate_series(1, ${families}::int) g
      join teams t on t.n = g % t.total
      returning family_id
    ),
    new_people as (
      insert into person (authority_id, person_id, given_name, family_name, date_of_birth, created_at, created_by, updated_at, updated_by)
      select ${authorityId}, gen_random_uuid(), 'Person' || m, 'Bench' || f.family_id, date '1980-01-01' + (m * 3000), now(), ${createdBy}, now(), ${createdBy}
      from new_families f cross join generate_series(1, 4) m
      returning person_id, family_name, given_name
    )
    insert into family_member (authority_id, family_id, person_id, role)
    select ${authorityId}, substr(p.family_name, 6)::uuid, p.person_id,
      case when p.given_name in ('Person1', 'Person2') then 'parent' else 'child' end
    from new_people p`.execute(db)
  await sql`analyze`.execute(db)
}

import type { PolicyEnforcement, PolicySeverity, PolicyViolation } from '@controlplane/compliance';
import type { WorkspaceDb } from '../repositories/prisma';

export type PolicyRecord = {
  id: string;
  organizationId: string;
  name: string;
  description: string | null;
  severity: PolicySeverity;
  enforcement: PolicyEnforcement;
  kinds: string[];
  expression: string;
  message: string;
  createdAt: Date;
  updatedAt: Date;
};

export type PolicyFields = Omit<PolicyRecord, 'id' | 'organizationId' | 'createdAt' | 'updatedAt'>;

export type DesignEvaluationRecord = {
  designId: string;
  organizationId: string;
  revision: number;
  policySetVersion: number;
  violations: unknown;
};

/** One organization's live designs as a compliance report sees them (see findComplianceState). */
export type OrganizationComplianceState = {
  organizationId: string;
  designs: number;
  setVersion: number;
  /** Designs whose still-valid cached evaluation has no violation. */
  compliantCached: number;
  /** Every other design, oldest first: cached violations, or null when its evaluation is stale. */
  others: { id: string; revision: number; violations: PolicyViolation[] | null }[];
};

const policyOrder = [{ name: 'asc' as const }, { id: 'asc' as const }];

export function createPolicyRepository(db: WorkspaceDb) {
  return {
    create(organizationId: string, fields: PolicyFields): Promise<PolicyRecord> {
      return db.policy.create({ data: { organizationId, ...fields } });
    },

    update(id: string, fields: Partial<PolicyFields>): Promise<PolicyRecord> {
      return db.policy.update({ where: { id }, data: fields });
    },

    async delete(id: string): Promise<void> {
      await db.policy.delete({ where: { id } });
    },

    /** Creates the policy, or replaces the one with the same name (copyPolicies). */
    upsertByName(organizationId: string, fields: PolicyFields): Promise<PolicyRecord> {
      return db.policy.upsert({
        where: { organizationId_name: { organizationId, name: fields.name } },
        create: { organizationId, ...fields },
        update: fields,
      });
    },

    findByIds(ids: readonly string[]): Promise<PolicyRecord[]> {
      return db.policy.findMany({ where: { id: { in: [...ids] } } });
    },

    findByOrganizations(organizationIds: readonly string[]): Promise<PolicyRecord[]> {
      return db.policy.findMany({
        where: { organizationId: { in: [...organizationIds] } },
        orderBy: policyOrder,
      });
    },

    /** Raises an organization's policy set version; in the transaction of the change it reflects. */
    async bumpSetVersion(organizationId: string): Promise<void> {
      await db.policySet.upsert({
        where: { organizationId },
        create: { organizationId, version: 1 },
        update: { version: { increment: 1 } },
      });
    },

    async findSetVersions(organizationIds: readonly string[]): Promise<Map<string, number>> {
      const rows = await db.policySet.findMany({ where: { organizationId: { in: [...organizationIds] } } });
      return new Map(rows.map((row) => [row.organizationId, row.version]));
    },

    /**
     * What a compliance report needs of each organization's live designs, in one statement (one
     * snapshot): how many there are, how many comply by a still-valid cached evaluation, and
     * only the others (stale or never evaluated, with `violations` null; or with violations),
     * oldest first. Organizations without live designs have no entry.
     */
    async findComplianceState(organizationIds: readonly string[]): Promise<OrganizationComplianceState[]> {
      const rows = await db.$queryRaw<
        {
          organizationId: string;
          designs: number;
          setVersion: number;
          compliantCached: number;
          others: { id: string; revision: number; violations: PolicyViolation[] | null }[];
        }[]
      >`
        SELECT l."organizationId",
               count(*)::int AS designs,
               max(l."setVersion")::int AS "setVersion",
               (count(*) FILTER (WHERE l.fresh AND jsonb_array_length(l.violations) = 0))::int AS "compliantCached",
               COALESCE(
                 jsonb_agg(
                   jsonb_build_object('id', l.id, 'revision', l.revision,
                                      'violations', CASE WHEN l.fresh THEN l.violations END)
                   ORDER BY l."createdAt", l.id
                 ) FILTER (WHERE NOT l.fresh OR jsonb_array_length(l.violations) > 0),
                 '[]'::jsonb
               ) AS others
          FROM (
            SELECT d.id, d."organizationId", d.revision, d."createdAt", e.violations,
                   COALESCE(s.version, 0) AS "setVersion",
                   COALESCE(e.revision = d.revision AND e."policySetVersion" = COALESCE(s.version, 0), false) AS fresh
              FROM "workspace"."Design" d
              LEFT JOIN "workspace"."DesignEvaluation" e ON e."designId" = d.id
              LEFT JOIN "workspace"."PolicySet" s ON s."organizationId" = d."organizationId"
             WHERE d."organizationId" = ANY(${[...organizationIds]}::uuid[]) AND d."deletedAt" IS NULL
          ) l
         GROUP BY l."organizationId"`;
      return rows.map((row) => ({
        organizationId: row.organizationId,
        designs: row.designs,
        setVersion: row.setVersion,
        compliantCached: row.compliantCached,
        others: row.others,
      }));
    },

    async findContents(designIds: readonly string[]): Promise<Map<string, string>> {
      const rows = await db.design.findMany({
        where: { id: { in: [...designIds] } },
        select: { id: true, content: true },
      });
      return new Map(rows.map((row) => [row.id, row.content]));
    },

    findEvaluations(designIds: readonly string[]): Promise<DesignEvaluationRecord[]> {
      return db.designEvaluation.findMany({
        where: { designId: { in: [...designIds] } },
        select: {
          designId: true,
          organizationId: true,
          revision: true,
          policySetVersion: true,
          violations: true,
        },
      });
    },

    /** Stores fresh evaluations in one statement, replacing each design's previous one. */
    async saveEvaluations(evaluations: readonly DesignEvaluationRecord[]): Promise<void> {
      if (evaluations.length === 0) return;
      await db.$executeRaw`
        INSERT INTO "workspace"."DesignEvaluation" ("designId", "organizationId", revision, "policySetVersion", violations, "evaluatedAt")
        SELECT e."designId", e."organizationId", e.revision, e."policySetVersion", e.violations, clock_timestamp()
          FROM unnest(
            ${evaluations.map((e) => e.designId)}::uuid[],
            ${evaluations.map((e) => e.organizationId)}::uuid[],
            ${evaluations.map((e) => e.revision)}::int[],
            ${evaluations.map((e) => e.policySetVersion)}::int[],
            ${evaluations.map((e) => JSON.stringify(e.violations))}::jsonb[]
          ) AS e("designId", "organizationId", revision, "policySetVersion", violations)
        ON CONFLICT ("designId") DO UPDATE
          SET revision = EXCLUDED.revision, "policySetVersion" = EXCLUDED."policySetVersion",
              violations = EXCLUDED.violations, "evaluatedAt" = EXCLUDED."evaluatedAt"`;
    },
  };
}

export type PolicyRepository = ReturnType<typeof createPolicyRepository>;

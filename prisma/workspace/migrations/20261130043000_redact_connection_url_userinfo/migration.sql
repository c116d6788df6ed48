-- Connection URLs are shown to every member of their organization, so they must not carry
-- credentials. createConnection and updateConnection refuse a URL with `user:pass@` (or a user
-- name alone): credentials belong in the encrypted, write-only `credentials`. This removes the
-- userinfo of every URL stored before that rule. What it removes is kept nowhere (SQL cannot
-- encrypt with CREDENTIALS_KEY): an OWNER or ADMIN enters it again as the connection's
-- `credentials`. Each redaction is audited in the connection's organization as
-- `connection.update` by SYSTEM, through the outbox, so the organization sees why its URL changed.
WITH redacted AS (
  UPDATE "workspace"."Connection"
     SET "url" = regexp_replace("url", '^([A-Za-z][A-Za-z0-9+.-]*://)[^/?#]*@', '\1'),
         "updatedAt" = CURRENT_TIMESTAMP
   WHERE "url" ~ '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*@'
  RETURNING "id", "organizationId"
), events AS (
  SELECT gen_random_uuid() AS "eventId", "id", "organizationId" FROM redacted
)
INSERT INTO "workspace"."AuditOutbox" ("id", "event")
SELECT "eventId",
       jsonb_build_object(
         'id', "eventId",
         'organizationId', "organizationId",
         'actorType', 'SYSTEM',
         'actorId', NULL,
         'actorDisplayName', NULL,
         'action', 'connection.update',
         'targetType', 'Connection',
         'targetId', "id",
         'metadata', jsonb_build_object(
           'changed', jsonb_build_array('url'),
           'reason', 'user name and password removed from the URL; set them as credentials'
         ),
         'requestId', NULL,
         'occurredAt', to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
       )
  FROM events;

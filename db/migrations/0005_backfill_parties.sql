-- Custom migration: records imported before parties were kept by role get them from their link
-- columns (the nominal manufacturer and the sampled unit of a spot check, the party of a penalty,
-- the holder of a licence), so enterprise profiles, verdicts and search keep counting them.
-- Records imported afterwards carry every party the publisher named, with its role.
UPDATE spot_checks SET
  named_parties = (
    SELECT coalesce(jsonb_agg(p), '[]'::jsonb) FROM (
      SELECT jsonb_strip_nulls(jsonb_build_object('role', 'manufacturer', 'name', manufacturer_name, 'uscc', manufacturer_uscc,
        'address', manufacturer_address, 'kind', 'enterprise', 'enterpriseId', manufacturer_id)) AS p
      WHERE manufacturer_name IS NOT NULL
      UNION ALL
      SELECT jsonb_strip_nulls(jsonb_build_object('role', 'sampled', 'name', sampled_unit_name, 'address', sampled_unit_address,
        'kind', 'enterprise', 'enterpriseId', sampled_unit_id))
      WHERE sampled_unit_name IS NOT NULL
    ) AS parties),
  enterprise_ids = ARRAY(SELECT DISTINCT e FROM unnest(ARRAY[manufacturer_id, sampled_unit_id]) AS e WHERE e IS NOT NULL)
WHERE named_parties = '[]'::jsonb;
--> statement-breakpoint
UPDATE penalties SET
  named_parties = jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('role', 'party', 'name', party_name, 'uscc', party_uscc,
    'kind', party_kind, 'enterpriseId', enterprise_id))),
  enterprise_ids = CASE WHEN enterprise_id IS NULL THEN '{}'::text[] ELSE ARRAY[enterprise_id] END
WHERE named_parties = '[]'::jsonb;
--> statement-breakpoint
UPDATE license_revocations SET
  named_parties = jsonb_build_array(jsonb_strip_nulls(jsonb_build_object('role', 'holder', 'name', enterprise_name, 'uscc', enterprise_uscc,
    'kind', 'enterprise', 'enterpriseId', enterprise_id))),
  enterprise_ids = CASE WHEN enterprise_id IS NULL THEN '{}'::text[] ELSE ARRAY[enterprise_id] END
WHERE named_parties = '[]'::jsonb;

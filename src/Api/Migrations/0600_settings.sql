-- Versioned admin settings (A1-A3, ADR 0007): append-only, one row per change of a section. The value in force is
-- the latest row of its section; a section with no row still comes from configuration. "before" keeps what was in
-- force just before the change (the configuration values for a section's first row), so history needs no joins.
create table settings_versions (
    id          bigserial primary key,
    section     text not null check (section in ('portal', 'fields', 'catalogues')),
    value       jsonb not null,
    before      jsonb not null,
    changed_by  uuid not null,
    changed_at  timestamptz not null
);

-- Every read of the current settings is one lookup per section on this index; so is "in force at an instant".
create index settings_versions_section_id on settings_versions (section, id desc);
create index settings_versions_section_changed_at on settings_versions (section, changed_at desc, id desc);

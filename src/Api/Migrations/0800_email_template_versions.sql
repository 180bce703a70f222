-- Email templates are versioned like the other settings (ADR 0011): each change of a template is a settings_versions
-- row of section 'email-template:{kind}:{language}', so the settings history covers them too.
alter table settings_versions drop constraint settings_versions_section_check;
alter table settings_versions add constraint settings_versions_section_check
    check (section in ('portal', 'fields', 'catalogues') or section like 'email-template:%:%');

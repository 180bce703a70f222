-- The approved application catalogue of self-service installs (P13, ADR 0030): a package id per platform
-- (Chocolatey on Windows, Homebrew on macOS; Linux gets none), for every customer (empty list) or chosen ones.
create table self_service_applications (
    id               uuid primary key,
    name             text not null,
    windows_package  text,
    macos_package    text,
    customer_ids     uuid[] not null default '{}',
    created_at       timestamptz not null,
    created_by       uuid not null,
    constraint self_service_applications_package check (windows_package is not null or macos_package is not null)
);

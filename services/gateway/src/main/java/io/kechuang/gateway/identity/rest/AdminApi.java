package io.kechuang.gateway.identity.rest;

/** Shared wording of the admin API's documentation. */
final class AdminApi {

    static final String TAG = "Administration (平台管理)";
    static final String TAG_DESCRIPTION = "Organisations, users and API clients. ADMIN only.";

    private AdminApi() {
    }
}

package io.kechuang.testing.security;

/** The bearer token a role calls with; {@code null} for {@code none}. */
@FunctionalInterface
public interface RoleTokens {
    String token(String role);
}

package com.northwind.shop.platform.security.servlet;

import com.northwind.shop.platform.security.TokenPrincipal;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by a verified bearer token. Roles become {@code ROLE_*} authorities ({@code ROLE_CUSTOMER},
 * {@code ROLE_ADMIN}) and scopes {@code SCOPE_*} ({@code SCOPE_internal}); the principal is the {@link TokenPrincipal},
 * so a controller can take {@code @AuthenticationPrincipal TokenPrincipal principal}.
 */
public final class TokenAuthentication extends AbstractAuthenticationToken {

    private final TokenPrincipal principal;

    public TokenAuthentication(TokenPrincipal principal) {
        super(authorities(principal));
        this.principal = principal;
        setAuthenticated(true);
    }

    static List<GrantedAuthority> authorities(TokenPrincipal principal) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        principal.roles().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        principal.scopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
        return authorities;
    }

    @Override
    public TokenPrincipal getPrincipal() {
        return principal;
    }

    /** Tokens are not kept after verification. */
    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return principal.subject();
    }
}

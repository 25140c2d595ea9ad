package com.northwind.shop.platform.openapi;

import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;

/**
 * Asks the service's real filter chain (its {@link WebInvocationPrivilegeEvaluator}) whether an anonymous caller,
 * then a customer, may call a path: the document's security follows the rules that are enforced.
 */
final class SecurityChainAccessRules implements AccessRules {

    private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken(
            "openapi", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    private static final Authentication CUSTOMER = UsernamePasswordAuthenticationToken.authenticated(
            UUID.randomUUID().toString(), null, AuthorityUtils.createAuthorityList("ROLE_CUSTOMER"));

    private final ApplicationContext context;

    SecurityChainAccessRules(ApplicationContext context) {
        this.context = context;
    }

    @Override
    // Spring Security's evaluator takes a null context path (none), which its signature does not declare.
    @SuppressWarnings("NullAway")
    public Access of(String method, String path) {
        List<WebInvocationPrivilegeEvaluator> evaluators = context.getBeanProvider(
                        WebInvocationPrivilegeEvaluator.class)
                .orderedStream()
                .toList();
        if (evaluators.isEmpty()) {
            return Access.PUBLIC;
        }
        WebInvocationPrivilegeEvaluator evaluator = evaluators.get(0);
        if (evaluator.isAllowed(null, path, method, ANONYMOUS)) {
            return Access.PUBLIC;
        }
        return evaluator.isAllowed(null, path, method, CUSTOMER) ? Access.USER : Access.ADMIN;
    }
}

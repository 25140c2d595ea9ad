package com.northwind.shop.users.account;

import com.northwind.shop.platform.problem.InvalidParameterException;
import com.northwind.shop.platform.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Set;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Administration of accounts; every endpoint needs the {@code ADMIN} role. */
@RestController
@RequestMapping("/api/users")
@Tag(name = "User administration")
class AdminUserController {

    /** What a list may be sorted by; anything else (an unknown property, or the password hash) is a 400. */
    private static final Set<String> SORTABLE = Set.of("createdAt", "email", "name");

    private final AccountService accounts;

    AdminUserController(AccountService accounts) {
        this.accounts = accounts;
    }

    @GetMapping
    @Operation(summary = "All accounts, newest first (paged)")
    // The query parameters as Spring Data reads them (springdoc would document one object parameter "pageable").
    @Parameter(
            name = "page",
            in = ParameterIn.QUERY,
            description = "zero-based page number",
            schema = @Schema(type = "integer", format = "int32", minimum = "0", maximum = "2147483647"))
    @Parameter(
            name = "size",
            in = ParameterIn.QUERY,
            description = "page size (larger values are capped at 100)",
            schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "2147483647", example = "20"))
    @Parameter(
            name = "sort",
            in = ParameterIn.QUERY,
            description = "createdAt, email or name, optionally followed by ,asc or ,desc (default createdAt,desc)",
            schema = @Schema(type = "string", maxLength = 20, pattern = "^(createdAt|email|name)(,(asc|desc))?$"))
    PagedModel<UserResponse> list(
            @Parameter(hidden = true) @PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC)
                    Pageable pageable) {
        for (Sort.Order order : pageable.getSort()) {
            if (!SORTABLE.contains(order.getProperty())) {
                throw new InvalidParameterException(
                        "sort",
                        "must be one of "
                                + String.join(", ", SORTABLE.stream().sorted().toList()));
            }
        }
        return new PagedModel<>(accounts.list(pageable));
    }

    @GetMapping("/{id}")
    @Operation(summary = "One account")
    UserResponse get(@PathVariable UUID id) {
        return accounts.get(id);
    }

    @PutMapping("/{id}/roles")
    @Operation(summary = "Replace an account's roles")
    @ApiResponse(responseCode = "409", description = "It would leave no active admin")
    UserResponse assignRoles(
            @PathVariable UUID id,
            @Valid @RequestBody RolesRequest request,
            @AuthenticationPrincipal TokenPrincipal admin) {
        return accounts.assignRoles(id, request.roles(), admin.requireUserId());
    }

    @PostMapping("/{id}/disable")
    @Operation(summary = "Disable an account", description = "Ends its sessions; it can no longer log in.")
    @ApiResponse(responseCode = "409", description = "It would leave no active admin")
    UserResponse disable(@PathVariable UUID id, @AuthenticationPrincipal TokenPrincipal admin) {
        return accounts.disable(id, admin.requireUserId());
    }
}

package com.northwind.shop.users.account;

import com.northwind.shop.platform.security.TokenPrincipal;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Registration and one's own account. */
@RestController
@Tag(name = "Accounts")
class AccountController {

    private final AccountService accounts;

    AccountController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/auth/register")
    @Operation(summary = "Create a customer account", description = "Roles, ids and status cannot be sent.")
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            headers =
                    @Header(
                            name = "Location",
                            description = "Always /api/users/me: the account as its owner reads it",
                            schema = @Schema(type = "string", format = "uri-reference", maxLength = 100)))
    @ApiResponse(responseCode = "409", description = "An account with this email exists")
    ResponseEntity<UserResponse> register(@Valid @RequestBody RegisterRequest request) {
        UserResponse user = accounts.register(request);
        return ResponseEntity.created(URI.create("/api/users/me")).body(user);
    }

    @GetMapping("/api/users/me")
    @Operation(summary = "The caller's account")
    UserResponse me(@AuthenticationPrincipal TokenPrincipal principal) {
        return accounts.get(principal.requireUserId());
    }

    @PatchMapping("/api/users/me")
    @Operation(
            summary = "Change the caller's name or password",
            description = "A password change needs the current password and ends every session (refresh tokens).")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid fields, a wrong current password or a new password the policy refuses")
    UserResponse updateMe(
            @AuthenticationPrincipal TokenPrincipal principal, @Valid @RequestBody UpdateMeRequest request) {
        return accounts.updateMe(principal.requireUserId(), request);
    }
}

package academy.muse.platform.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives every verified user access token the role {@value Roles#USER}, so users' endpoints say
 * {@code @RolesAllowed(Roles.USER)} and refuse service tokens and room tickets, which never carry it
 * ({@link PurposeTokenParser} accepts {@code token_use=access} only from the user key).
 */
@ApplicationScoped
public class UserRoleAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)
                || !PurposeTokenParser.ACCESS_USE.equals(PurposeTokenParser.tokenUse(token))) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRole(Roles.USER).build());
    }
}

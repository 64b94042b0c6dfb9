package org.ketaminefhir.audit;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditContextServices;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Who is acting, from the request's access token: the client (its issuer and client id) and the user (the token's
 * {@code fhirUser} when it names one, else the client itself, as with system-to-system access).
 */
class TokenAuditContext implements IBalpAuditContextServices {

    static final String UNKNOWN = "unauthenticated";

    @Override
    public Reference getAgentClientWho(RequestDetails request) {
        Jwt token = token();
        if (token == null) {
            return new Reference().setDisplay(UNKNOWN);
        }
        String client = clientId(token);
        return new Reference()
                .setIdentifier(new Identifier().setSystem(issuer(token)).setValue(client))
                .setDisplay(client);
    }

    @Override
    public Reference getAgentUserWho(RequestDetails request) {
        Jwt token = token();
        if (token != null && token.getClaimAsString("fhirUser") != null) {
            return new Reference(token.getClaimAsString("fhirUser"));
        }
        return getAgentClientWho(request);
    }

    /** Local references ("Patient/12/_history/1"), as the audit trail lives in the same server as the data. */
    @Override
    public String massageResourceIdForStorage(RequestDetails request, IBaseResource resource, IIdType resourceId) {
        return resourceId.toUnqualified().getValue();
    }

    static String clientId(Jwt token) {
        String clientId = token.getClaimAsString("client_id");
        return clientId != null ? clientId : token.getSubject();
    }

    private static String issuer(Jwt token) {
        return token.getIssuer() == null ? "urn:ketamine-fhir:issuer:unknown" : token.getIssuer().toString();
    }

    static Jwt token() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof JwtAuthenticationToken jwt ? jwt.getToken() : null;
    }
}

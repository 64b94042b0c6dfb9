package org.ketaminefhir.guard;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Refuses an XML request body whose elements are not in the FHIR namespace (see {@link XmlNamespaceCheck}): 400 with
 * one issue per misplaced element. Bodies that are not XML are left alone, as are XML patches, which have their own
 * content type.
 */
@Interceptor
public class XmlNamespaceInterceptor {

    private static final String CODE = "KETA-GUARD-007: ";
    private static final Set<String> FHIR_XML_TYPES =
            Set.of(Constants.CT_FHIR_XML_NEW, Constants.CT_FHIR_XML, Constants.CT_XML, "text/xml");

    private final XmlNamespaceCheck check = new XmlNamespaceCheck();

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkBody(RequestDetails request) {
        if (!FHIR_XML_TYPES.contains(ErrorOutcomes.mediaType(request.getHeader(Constants.HEADER_CONTENT_TYPE)))) {
            return;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            return;
        }
        Charset charset = request.getCharset() == null ? StandardCharsets.UTF_8 : request.getCharset();
        List<String> problems = check.problems(new InputStreamReader(new ByteArrayInputStream(body), charset));
        if (!problems.isEmpty()) {
            throw ErrorOutcomes.malformedBody(CODE, problems);
        }
    }
}

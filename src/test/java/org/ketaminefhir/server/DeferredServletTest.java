package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeferredServletTest {

    private final List<String> calls = new ArrayList<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final RecordingServlet target = new RecordingServlet();
    private final DeferredServlet deferred = new DeferredServlet(() -> {
        lookups.incrementAndGet();
        return target;
    });

    @Test
    void theDelegateIsLookedUpWhenTheContainerInitialisesTheServletNotBefore() throws Exception {
        assertThat(lookups).hasValue(0);

        ServletConfig config = new NamedConfig("fhir");
        deferred.init(config);

        assertThat(lookups).hasValue(1);
        assertThat(target.getServletConfig()).as("the delegate gets the container's config").isSameAs(config);
        assertThat(calls).containsExactly("init fhir");
    }

    @Test
    void requestsAndDestroyGoToTheDelegate() throws Exception {
        deferred.init(new NamedConfig("fhir"));

        deferred.service(null, null);
        deferred.service(null, null);
        deferred.destroy();

        assertThat(calls).containsExactly("init fhir", "service", "service", "destroy");
        assertThat(lookups).as("looked up once").hasValue(1);
    }

    @Test
    void destroyBeforeInitDoesNotBuildTheDelegate() {
        deferred.destroy();

        assertThat(lookups).hasValue(0);
        assertThat(calls).isEmpty();
    }

    private final class RecordingServlet extends GenericServlet {
        @Override
        public void init() {
            calls.add("init " + getServletName());
        }

        @Override
        public void service(ServletRequest request, ServletResponse response) {
            calls.add("service");
        }

        @Override
        public void destroy() {
            calls.add("destroy");
        }
    }

    private record NamedConfig(String getServletName) implements ServletConfig {
        @Override
        public ServletContext getServletContext() {
            return null;
        }

        @Override
        public String getInitParameter(String name) {
            return null;
        }

        @Override
        public Enumeration<String> getInitParameterNames() {
            return Collections.emptyEnumeration();
        }
    }
}

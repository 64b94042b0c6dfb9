package org.ketaminefhir.server;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * A servlet that asks for its delegate only when the container initialises it.
 *
 * <p>Spring Boot collects the servlets to register while it creates the embedded Tomcat. That happens before Spring
 * freezes the bean definitions, and until then every by-type lookup scans all ~1,200 of them. Handing Tomcat HAPI's
 * RestfulServer at that point built HAPI's whole object graph (some 150 resource DAOs, each with dozens of autowired
 * fields) under those uncached lookups: about half of the start-up time. Boot initialises load-on-startup servlets
 * only after all singletons exist, so by then the delegate is a plain lookup.
 */
final class DeferredServlet extends GenericServlet {

    private final transient Supplier<? extends Servlet> delegateSource;
    private transient volatile Servlet delegate;

    DeferredServlet(Supplier<? extends Servlet> delegateSource) {
        this.delegateSource = delegateSource;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Servlet target = delegateSource.get();
        target.init(config);
        delegate = target;
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        delegate.service(request, response);
    }

    @Override
    public void destroy() {
        Servlet target = delegate;
        if (target != null) {
            target.destroy();
        }
    }
}

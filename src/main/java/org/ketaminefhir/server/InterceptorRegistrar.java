package org.ketaminefhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;
import org.ketaminefhir.KetamineFhirApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Registers every {@code @Interceptor} bean of this application where its hooks fire. An interceptor with HTTP hooks
 * ({@code SERVER_*} pointcuts) goes on the RestfulServer; any storage hooks it also has then fire for client requests
 * only, which is what request-scoped rules such as authorization want; so does one marked
 * {@link RequestScopedInterceptor}. Any other interceptor (storage hooks only) goes on
 * HAPI's JPA-wide interceptor service, so it also fires for writes that do not come over HTTP (start-up loaders, the
 * server's own derived writes).
 */
@Component
class InterceptorRegistrar implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(InterceptorRegistrar.class);
    private static final String BASE_PACKAGE = KetamineFhirApplication.class.getPackageName() + ".";

    private final ApplicationContext context;
    private final RestfulServer restfulServer;
    private final IInterceptorService storageInterceptors;

    InterceptorRegistrar(
            ApplicationContext context, FhirEndpoint endpoint, IInterceptorService storageInterceptors) {
        this.context = context;
        this.restfulServer = endpoint.server();
        this.storageInterceptors = storageInterceptors;
    }

    @Override
    public void afterSingletonsInstantiated() {
        context.getBeansWithAnnotation(Interceptor.class).values().stream()
                .filter(bean -> ClassUtils.getUserClass(bean).getName().startsWith(BASE_PACKAGE))
                .forEach(this::register);
    }

    private void register(Object interceptor) {
        Class<?> type = ClassUtils.getUserClass(interceptor);
        Set<Pointcut> pointcuts = hookedPointcuts(type);
        boolean serverHooks = pointcuts.stream().anyMatch(InterceptorRegistrar::isServerPointcut);
        if (serverHooks || interceptor instanceof RequestScopedInterceptor) {
            restfulServer.registerInterceptor(interceptor);
        } else {
            storageInterceptors.registerInterceptor(interceptor);
        }
        log.debug("Registered {} on the {} interceptor service", type.getSimpleName(),
                serverHooks || interceptor instanceof RequestScopedInterceptor ? "HTTP" : "JPA");
    }

    static boolean isServerPointcut(Pointcut pointcut) {
        return pointcut.name().startsWith("SERVER_");
    }

    static Set<Pointcut> hookedPointcuts(Class<?> type) {
        Set<Pointcut> pointcuts = EnumSet.noneOf(Pointcut.class);
        for (Method method : type.getMethods()) {
            Hook hook = method.getAnnotation(Hook.class);
            if (hook != null) {
                pointcuts.add(hook.value());
            }
        }
        return pointcuts;
    }
}

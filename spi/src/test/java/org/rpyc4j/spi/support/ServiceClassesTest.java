package org.rpyc4j.spi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.ClassServiceFactory;
import org.rpyc4j.api.Connection;
import org.rpyc4j.api.ServiceFactory;
import org.rpyc4j.api.ServiceName;

class ServiceClassesTest {
    public static class EchoService {
    }

    @ServiceName("MATHS")
    public static final class MathsFactory implements ServiceFactory {
        @Override
        public Object create(Connection connection) {
            return new EchoService();
        }
    }

    @Test
    void namesTheServiceOfAFactoryWhereItCan() {
        assertEquals(List.of("ECHO"), ServiceClasses.aliasesOf(ClassServiceFactory.of(EchoService.class)));
        assertEquals(List.of("MATHS"), ServiceClasses.aliasesOf(new MathsFactory()));
        assertEquals(List.of("SERVICE"), ServiceClasses.aliasesOf(c -> new EchoService()), "a lambda does not tell");
    }

    @Test
    void tellsTheClassNameAFactoryCanBeRebuiltFrom() {
        assertEquals(Optional.of(EchoService.class.getName()),
                ServiceClasses.classNameOf(ClassServiceFactory.of(EchoService.class)));
        assertEquals(Optional.of(MathsFactory.class.getName()), ServiceClasses.classNameOf(new MathsFactory()));
        assertEquals(Optional.empty(), ServiceClasses.classNameOf(c -> new EchoService()));
        assertEquals(Optional.empty(), ServiceClasses.classNameOf(new ServiceFactory() {
            @Override
            public Object create(Connection connection) {
                return this;
            }
        }));
    }

    @Test
    void rebuildsFactoriesFromClassNames() {
        ClassLoader loader = getClass().getClassLoader();
        ClassServiceFactory byClass = assertInstanceOf(ClassServiceFactory.class,
                ServiceClasses.factoryFor(EchoService.class.getName(), loader));
        assertEquals(EchoService.class, byClass.serviceClass());
        assertInstanceOf(MathsFactory.class, ServiceClasses.factoryFor(MathsFactory.class.getName(), loader));
        assertThrows(IllegalArgumentException.class, () -> ServiceClasses.factoryFor("no.such.Service", loader));
        assertThrows(IllegalArgumentException.class,
                () -> ServiceClasses.instantiate(EchoService.class.getName(), Runnable.class, loader));
    }
}

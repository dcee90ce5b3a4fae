package org.rpyc4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ServiceLoader;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.rpyc4j.api.error.RpycException;

/** How {@link Rpyc#engine()} picks among the engines found: the named one, the only one, else the first. */
class RpycEngineChoiceTest {
    @Test
    void theNamedEngineWinsOverTheFirst() {
        assertInstanceOf(SecondEngine.class, Rpyc.choose(both(), SecondEngine.class.getName()));
    }

    @Test
    void noNameTakesTheFirstOfSeveral() {
        assertInstanceOf(FirstEngine.class, Rpyc.choose(both(), ""));
        assertInstanceOf(SecondEngine.class, Rpyc.choose(List.of(provider(new SecondEngine())), " "));
    }

    @Test
    void aNameNotFoundOrNoEngineAtAllIsAnError() {
        RpycException unknown = assertThrows(RpycException.class, () -> Rpyc.choose(both(), "com.example.Nope"));
        assertTrue(unknown.getMessage().contains("rpyc4j.engine names com.example.Nope"), unknown::getMessage);
        assertTrue(unknown.getMessage().contains(FirstEngine.class.getName()), unknown::getMessage);
        RpycException none = assertThrows(RpycException.class, () -> Rpyc.choose(List.of(), ""));
        assertEquals("no RPyC engine found: put the rpyc4j core module on the path", none.getMessage());
    }

    private static List<ServiceLoader.Provider<RpycEngine>> both() {
        return List.of(provider(new FirstEngine()), provider(new SecondEngine()));
    }

    private static ServiceLoader.Provider<RpycEngine> provider(RpycEngine engine) {
        return new ServiceLoader.Provider<>() {
            @Override
            public Class<? extends RpycEngine> type() {
                return engine.getClass();
            }

            @Override
            public RpycEngine get() {
                return engine;
            }
        };
    }

    /** An engine that connects nothing: only its class is looked at. */
    static class FirstEngine implements RpycEngine {
        @Override
        public Connection connect(Transport transport, ConnectOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Connection accept(Transport transport, ServiceFactory factory, ProtocolConfig config,
                @Nullable Object credentials) {
            throw new UnsupportedOperationException();
        }
    }

    static final class SecondEngine extends FirstEngine {
    }
}

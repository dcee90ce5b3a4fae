package org.rpyc4j.server.testkit;

import java.util.List;
import java.util.stream.Collectors;

/** Values handed to Python scripts on their command line. */
public final class PythonArguments {
    private PythonArguments() {
    }

    /** {@code words} as a JSON list of strings, for {@code json.loads(sys.argv[i])} (e.g. a command to start). */
    public static String jsonList(List<String> words) {
        return words.stream()
                .map(word -> '"' + word.replace("\\", "\\\\").replace("\"", "\\\"") + '"')
                .collect(Collectors.joining(", ", "[", "]"));
    }
}

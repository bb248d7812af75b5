package org.sparsemixerlab.kernel;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What one executed cell produced, in order. */
public record CellResult(int executionCount, List<CellOutput> outputs) {

    public CellResult {
        outputs = List.copyOf(outputs);
    }

    /** True if the cell ended with an error. */
    public boolean failed() {
        return error().isPresent();
    }

    public Optional<CellOutput.Error> error() {
        return outputs.stream().filter(CellOutput.Error.class::isInstance).map(CellOutput.Error.class::cast).findFirst();
    }

    /** Everything the cell wrote to the given stream ("stdout" or "stderr"), joined. */
    public String stream(String name) {
        return outputs.stream().filter(CellOutput.Stream.class::isInstance).map(CellOutput.Stream.class::cast)
                .filter(s -> s.name().equals(name)).map(CellOutput.Stream::text).collect(Collectors.joining());
    }

    public String stdout() {
        return stream("stdout");
    }

    /** The execute_result, if the cell's last expression produced one. */
    public Optional<CellOutput.Result> result() {
        return outputs.stream().filter(CellOutput.Result.class::isInstance).map(CellOutput.Result.class::cast).findFirst();
    }

    /** The {@code text/plain} of the result, or empty. */
    public Optional<String> resultText() {
        return result().filter(r -> r.data().has("text/plain")).map(r -> r.data().get("text/plain").getAsString());
    }

    public List<CellOutput.Display> displays() {
        return outputs.stream().filter(CellOutput.Display.class::isInstance).map(CellOutput.Display.class::cast)
                .collect(Collectors.toList());
    }
}

package org.sparsemixerlab.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;

/**
 * Row lookup {@code table[indices]} whose backward pass is deterministic on the CPU.
 *
 * <p>Why: DJL's advanced-index {@code table.get(new NDIndex("{}", indices))} differentiates
 * through PyTorch's {@code index_put_(accumulate=true)}, which on a CPU with more than one intra-op
 * thread adds the rows of repeated indices with atomic float additions in whatever order the
 * threads reach them (PyTorch lists it among the nondeterministic operations). Rows picked more
 * than once (a word in a batch, a token type, a token chosen by two experts) then get gradients
 * that differ in the last bits from run to run, so two runs of the same seed drift apart. The
 * engine's embedding lookup gives the same forward values and accumulates its gradient row by row
 * in index order ({@code index_add_}), the same sum every time. Measured on this 2-thread CPU: 8
 * repeated backward passes through {@code get} gave 2 to 7 distinct gradients, through this 1.
 * The result lives in the indices' manager.
 */
public final class RowGather {
    private RowGather() {}

    /**
     * Rows of a table.
     *
     * @param table {@code [ROWS, WIDTH]}, or {@code [ROWS]} (one value per row)
     * @param indices integer row numbers of any shape {@code [...]}, each in {@code [0, ROWS)}
     * @return {@code [..., WIDTH]}, or {@code [...]} for a 1-D table
     */
    public static NDArray rows(NDArray table, NDArray indices) {
        DataType type = indices.getDataType();
        if (type != DataType.INT64 && type != DataType.INT32) {
            throw new IllegalArgumentException("row indices must be INT32 or INT64, got " + type);
        }
        int rank = table.getShape().dimension();
        if (rank == 2) {
            return Embedding.embedding(indices, table, SparseFormat.DENSE).singletonOrThrow();
        }
        if (rank != 1) {
            throw new IllegalArgumentException("expected a [ROWS, WIDTH] or [ROWS] table, got " + table.getShape());
        }
        // the column view is a temporary in the table's manager (a parameter's, perhaps): closed
        // here; autograd keeps what it needs
        try (NDArray column = table.reshape(-1, 1);
             NDArray picked = Embedding.embedding(indices, column, SparseFormat.DENSE).singletonOrThrow()) {
            return picked.reshape(indices.getShape());
        }
    }
}
